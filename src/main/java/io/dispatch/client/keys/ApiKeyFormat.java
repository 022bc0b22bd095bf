package io.dispatch.client.keys;

import io.dispatch.system.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Client keys look like {@code dsp_<key id>_<secret>}: the key id (16 characters, 80 random bits)
 * finds the stored row without scanning, the secret is 256 random bits. Only a SHA-256 hash of the
 * whole key is stored: a key this random cannot be guessed from its hash, so a deliberately slow
 * password hash would only cost every request time.
 */
public final class ApiKeyFormat {

    static final String PREFIX = "dsp_";
    private static final int ID_LENGTH = 16;
    private static final int SECRET_BYTES = 32;
    private static final int SECRET_LENGTH = 43;
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private ApiKeyFormat() {
    }

    public static String newKeyId(SecureRandom random) {
        char[] id = new char[ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    public static String newKey(String keyId, SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return PREFIX + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The key id of something shaped like a client key; empty for anything else. */
    public static Optional<String> keyId(String key) {
        if (key.length() != PREFIX.length() + ID_LENGTH + 1 + SECRET_LENGTH || !key.startsWith(PREFIX)
                || key.charAt(PREFIX.length() + ID_LENGTH) != '_') {
            return Optional.empty();
        }
        String id = key.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
        return id.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                ? Optional.of(id)
                : Optional.empty();
    }

    public static byte[] hash(String key) {
        return Sha256.of(key);
    }
}
