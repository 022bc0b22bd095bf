package io.dispatch.client.secrets;

import java.util.Base64;
import java.util.List;

import io.dispatch.client.keys.SecuritySettingsTest;

/** Ciphers under made-up encryption keys, for the tests of rotation. */
final class TestCiphers {

    private TestCiphers() {
    }

    /** A cipher that encrypts under {@code key} and also decrypts under the previous keys. */
    static SecretCipher cipher(String key, String... previous) {
        return new SecretCipher(SecuritySettingsTest.settings(List.of("an-admin-key-of-at-least-32-characters"), key,
                List.of(previous)));
    }

    /** A base64 AES key that differs from another by its first byte. */
    static String key(int first) {
        byte[] key = new byte[32];
        key[0] = (byte) first;
        return Base64.getEncoder().encodeToString(key);
    }
}
