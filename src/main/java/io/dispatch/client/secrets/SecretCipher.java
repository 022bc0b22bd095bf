package io.dispatch.client.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import io.dispatch.client.ClientId;
import io.dispatch.client.keys.SecuritySettings;
import io.dispatch.client.keys.SecuritySettings.EncryptionKey;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Encrypts webhook secrets for the database with AES-GCM under {@code dispatch.security.encryption-key}:
 * a random 96-bit nonce per value, stored in front of the ciphertext, and the key's version beside
 * it. The client id is bound in as associated data, so a ciphertext copied onto another client's row
 * does not decrypt. A value decrypts under the key of its version, current or previous; one stored
 * before versions (null) under whichever key opens it.
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

    /** A value as stored: the ciphertext and the version of the key it is under. */
    record Sealed(byte[] ciphertext, String keyVersion) {
    }

    /** The source of nonces, also good for making secrets. */
    SecureRandom random() {
        return random;
    }

    /** The version of the key new values are encrypted under. */
    String currentVersion() {
        return settings.encryptionKey().version();
    }

    Sealed encrypt(WebhookSecret secret, ClientId owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        EncryptionKey key = settings.encryptionKey();
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, key, nonce, owner, secret.value().getBytes(StandardCharsets.UTF_8));
        return new Sealed(ByteBuffer.allocate(nonce.length + ciphertext.length).put(nonce).put(ciphertext).array(),
                key.version());
    }

    WebhookSecret decrypt(byte[] stored, @Nullable String keyVersion, ClientId owner) {
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] ciphertext = new byte[buffer.remaining()];
        buffer.get(ciphertext);
        List<EncryptionKey> keys = keysFor(keyVersion);
        for (EncryptionKey key : keys) {
            try {
                return new WebhookSecret(new String(run(Cipher.DECRYPT_MODE, key, nonce, owner, ciphertext),
                        StandardCharsets.UTF_8));
            }
            catch (IllegalStateException notThisKey) {
                // A value stored before versions is tried under each key; the tag tells the right one.
            }
        }
        throw new IllegalStateException("Cannot decrypt a webhook secret of client " + owner + " stored under key "
                + (keyVersion == null ? "of unknown version" : "version " + keyVersion) + ": set that key in "
                + "dispatch.security.encryption-key or dispatch.security.previous-encryption-keys");
    }

    private List<EncryptionKey> keysFor(@Nullable String keyVersion) {
        List<EncryptionKey> all = new ArrayList<>();
        all.add(settings.encryptionKey());
        all.addAll(settings.previousEncryptionKeys());
        return keyVersion == null ? all : all.stream().filter(key -> key.version().equals(keyVersion)).toList();
    }

    private static byte[] run(int mode, EncryptionKey key, byte[] nonce, ClientId owner, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.toString().getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt")
                    + " a webhook secret of client " + owner + " under key version " + key.version(), ex);
        }
    }
}
