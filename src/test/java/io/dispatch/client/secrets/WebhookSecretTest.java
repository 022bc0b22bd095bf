package io.dispatch.client.secrets;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSecretTest {

    @Test
    void acceptsWhsecWithTheBase64Of24To64Bytes() {
        assertThat(new WebhookSecret(secretOf(24)).key()).hasSize(24);
        assertThat(new WebhookSecret(secretOf(64)).key()).hasSize(64);
        assertThat(WebhookSecret.random(new SecureRandom()).key()).hasSize(32);
    }

    @Test
    void refusesMalformedSecretsWithoutEchoingThem() {
        assertThatThrownBy(() -> new WebhookSecret("plain-secret-value"))
                .hasMessageContaining("whsec_").hasMessageNotContaining("plain-secret-value");
        assertThatThrownBy(() -> new WebhookSecret("whsec_not*base64!")).hasMessageNotContaining("not*base64!");
        assertThatThrownBy(() -> new WebhookSecret(secretOf(23))).hasMessageContaining("24 to 64 bytes");
        assertThatThrownBy(() -> new WebhookSecret(secretOf(65))).hasMessageContaining("24 to 64 bytes");
    }

    @Test
    void neverShowsItselfInText() {
        WebhookSecret secret = new WebhookSecret(secretOf(32));

        assertThat(secret.toString()).doesNotContain(secret.value().substring(6));
    }

    private static String secretOf(int bytes) {
        return "whsec_" + Base64.getEncoder().encodeToString(new byte[bytes]);
    }
}
