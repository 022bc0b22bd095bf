package io.dispatch.client.keys;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class SecuritySettingsTest {

    private static final String ADMIN_KEY = "an-admin-key-of-at-least-32-characters";
    private static final String ENCRYPTION_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void namesEveryMissingSetting() {
        assertThatThrownBy(() -> settings(List.of(), null))
                .isInstanceOf(MissingSecuritySettingsException.class)
                .hasMessageContaining("dispatch.security.admin-keys is not set")
                .hasMessageContaining("dispatch.security.encryption-key is not set");
    }

    @Test
    void refusesUnusableValuesWithoutEchoingThem() {
        assertThatThrownBy(() -> settings(List.of("short-key"), ENCRYPTION_KEY))
                .hasMessageContaining("shorter than 32").hasMessageNotContaining("short-key");
        assertThatThrownBy(() -> settings(List.of(ADMIN_KEY), Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> settings(List.of(ADMIN_KEY), "not base64!")).hasMessageContaining("not base64")
                .hasMessageNotContaining("not base64!");
    }

    @Test
    void knowsItsAdminKeysByTheirHash() {
        SecuritySettings settings = settings(List.of("another-admin-key-of-32-characters-or-more", ADMIN_KEY),
                ENCRYPTION_KEY);

        assertThat(settings.isAdminKey(ApiKeyFormat.hash(ADMIN_KEY))).isTrue();
        assertThat(settings.isAdminKey(ApiKeyFormat.hash(ADMIN_KEY + "x"))).isFalse();
    }

    @Test
    void analysesTheFailureIntoAMessageNamingTheSettings() {
        MissingSecuritySettingsException failure = new MissingSecuritySettingsException(
                List.of("dispatch.security.encryption-key is not set"));

        var analysis = new MissingSecuritySettingsFailureAnalyzer().analyze(new IllegalStateException(failure));

        assertThat(analysis.getDescription()).contains("dispatch.security.encryption-key is not set");
        assertThat(analysis.getAction()).contains("DISPATCH_SECURITY_ADMIN_KEYS", "DISPATCH_SECURITY_ENCRYPTION_KEY");
    }

    public static SecuritySettings settings(List<String> adminKeys, @Nullable String encryptionKey) {
        return settings(adminKeys, encryptionKey, List.of());
    }

    public static SecuritySettings settings(List<String> adminKeys, @Nullable String encryptionKey,
            List<String> previousEncryptionKeys) {
        return new SecuritySettings(new SecurityProperties(adminKeys, encryptionKey, previousEncryptionKeys,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 20, null));
    }
}
