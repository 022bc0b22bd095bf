package io.dispatch.client.secrets;

import java.nio.charset.StandardCharsets;

import io.dispatch.client.ClientId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static final String OLD_KEY = TestCiphers.key(0);
    private static final String NEW_KEY = TestCiphers.key(1);

    private final SecretCipher cipher = TestCiphers.cipher(OLD_KEY);
    private final WebhookSecret secret = WebhookSecret.random(cipher.random());
    private final ClientId owner = ClientId.random();

    @Test
    void encryptsWithAFreshNonceAndDecryptsBack() {
        SecretCipher.Sealed once = cipher.encrypt(secret, owner);
        SecretCipher.Sealed twice = cipher.encrypt(secret, owner);

        assertThat(once.ciphertext()).isNotEqualTo(twice.ciphertext());
        assertThat(new String(once.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("whsec_");
        assertThat(cipher.decrypt(once.ciphertext(), once.keyVersion(), owner)).isEqualTo(secret);
        assertThat(cipher.decrypt(twice.ciphertext(), twice.keyVersion(), owner)).isEqualTo(secret);
    }

    @Test
    void doesNotDecryptForAnotherClientOrUnderAnotherKey() {
        SecretCipher.Sealed stored = cipher.encrypt(secret, owner);

        assertThatThrownBy(() -> cipher.decrypt(stored.ciphertext(), stored.keyVersion(), ClientId.random()))
                .hasMessageContaining("Cannot decrypt");
        assertThatThrownBy(() -> TestCiphers.cipher(NEW_KEY).decrypt(stored.ciphertext(), stored.keyVersion(), owner))
                .hasMessageContaining("Cannot decrypt").hasMessageContaining(stored.keyVersion())
                .hasMessageNotContaining(OLD_KEY);
    }

    @Test
    void aRotatedKeyEncryptsWhileThePreviousOneStillDecrypts() {
        SecretCipher.Sealed underOld = cipher.encrypt(secret, owner);
        SecretCipher rotated = TestCiphers.cipher(NEW_KEY, OLD_KEY);

        SecretCipher.Sealed underNew = rotated.encrypt(secret, owner);

        assertThat(underNew.keyVersion()).isNotEqualTo(underOld.keyVersion()).isEqualTo(rotated.currentVersion());
        assertThat(rotated.decrypt(underOld.ciphertext(), underOld.keyVersion(), owner)).isEqualTo(secret);
        assertThat(rotated.decrypt(underNew.ciphertext(), underNew.keyVersion(), owner)).isEqualTo(secret);
        // Stored before versions: whichever key opens it.
        assertThat(rotated.decrypt(underOld.ciphertext(), null, owner)).isEqualTo(secret);
        assertThatThrownBy(() -> cipher.decrypt(underNew.ciphertext(), underNew.keyVersion(), owner))
                .hasMessageContaining("previous-encryption-keys");
    }
}
