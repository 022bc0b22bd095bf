package io.dispatch.client.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import io.dispatch.client.ClientId;
import io.dispatch.client.keys.SecuritySettings;

import org.springframework.stereotype.Component;

/**
 * Encrypts webhook secrets for the database with AES-GCM under {@code dispatch.security.encryption-key}:
 * a random 96-bit nonce per value, stored in front of the ciphertext. The client id is bound in as
 * associated data, so a ciphertext copied onto another client's row does not decrypt.
 */
@Component
class SecretCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecuritySettings settings;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(SecuritySettings settings) {
        this.settings = settings;
    }

    /** The source of nonces, also good for making secrets. */
    SecureRandom random() {
        return random;
    }

    byte[] encrypt(WebhookSecret secret, ClientId owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, nonce, owner, secret.value().getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(nonce.length + ciphertext.length).put(nonce).put(ciphertext).array();
    }

    WebhookSecret decrypt(byte[] stored, ClientId owner) {
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] ciphertext = new byte[buffer.remaining()];
        buffer.get(ciphertext);
        return new WebhookSecret(new String(run(Cipher.DECRYPT_MODE, nonce, owner, ciphertext), StandardCharsets.UTF_8));
    }

    private byte[] run(int mode, byte[] nonce, ClientId owner, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, settings.encryptionKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.toString().getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        }
        catch (GeneralSecurityException ex) {
            // Decryption fails like this when the encryption key is not the one the secret was stored under.
            throw new IllegalStateException("Cannot " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt")
                    + " a webhook secret of client " + owner + " (is dispatch.security.encryption-key the right one?)",
                    ex);
        }
    }
}
