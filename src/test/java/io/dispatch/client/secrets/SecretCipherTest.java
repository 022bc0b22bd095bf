package io.dispatch.client.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.dispatch.client.ClientId;
import io.dispatch.client.keys.SecuritySettingsTest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private final SecretCipher cipher = cipher(new byte[32]);
    private final WebhookSecret secret = WebhookSecret.random(cipher.random());
    private final ClientId owner = ClientId.random();

    @Test
    void encryptsWithAFreshNonceAndDecryptsBack() {
        byte[] once = cipher.encrypt(secret, owner);
        byte[] twice = cipher.encrypt(secret, owner);

        assertThat(once).isNotEqualTo(twice);
        assertThat(new String(once, StandardCharsets.ISO_8859_1)).doesNotContain("whsec_");
        assertThat(cipher.decrypt(once, owner)).isEqualTo(secret);
        assertThat(cipher.decrypt(twice, owner)).isEqualTo(secret);
    }

    @Test
    void doesNotDecryptForAnotherClientOrUnderAnotherKey() {
        byte[] stored = cipher.encrypt(secret, owner);

        assertThatThrownBy(() -> cipher.decrypt(stored, ClientId.random())).hasMessageContaining("Cannot decrypt");
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> cipher(otherKey).decrypt(stored, owner)).hasMessageContaining("Cannot decrypt");
    }

    private static SecretCipher cipher(byte[] key) {
        return new SecretCipher(SecuritySettingsTest.settings(List.of("an-admin-key-of-at-least-32-characters"),
                Base64.getEncoder().encodeToString(key)));
    }
}
