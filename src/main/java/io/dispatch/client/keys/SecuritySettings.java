package io.dispatch.client.keys;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The admin keys and the encryption key, checked once at start-up: without both the service
 * would either be open to anyone or unable to keep webhook secrets, so it refuses to start.
 */
@Component
public class SecuritySettings {

    private static final int MIN_ADMIN_KEY_LENGTH = 32;

    private final List<byte[]> adminKeyHashes;
    private final SecretKey encryptionKey;

    SecuritySettings(SecurityProperties properties) {
        List<String> problems = new ArrayList<>();
        List<String> adminKeys = properties.adminKeys().stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
        if (adminKeys.isEmpty()) {
            problems.add("dispatch.security.admin-keys is not set");
        }
        else if (adminKeys.stream().anyMatch(key -> key.length() < MIN_ADMIN_KEY_LENGTH)) {
            problems.add("dispatch.security.admin-keys has a key shorter than " + MIN_ADMIN_KEY_LENGTH + " characters");
        }
        byte[] key = decode(properties.encryptionKey(), problems);
        if (!problems.isEmpty()) {
            throw new MissingSecuritySettingsException(problems);
        }
        this.adminKeyHashes = adminKeys.stream().map(ApiKeyFormat::hash).toList();
        this.encryptionKey = new SecretKeySpec(key, "AES");
    }

    private static byte[] decode(String encryptionKey, List<String> problems) {
        if (encryptionKey == null || encryptionKey.isBlank()) {
            problems.add("dispatch.security.encryption-key is not set");
            return new byte[0];
        }
        try {
            byte[] key = Base64.getDecoder().decode(encryptionKey.trim());
            if (key.length != 32) {
                problems.add("dispatch.security.encryption-key must be the base64 of 32 bytes, not " + key.length);
            }
            return key;
        }
        catch (IllegalArgumentException notBase64) {
            problems.add("dispatch.security.encryption-key is not base64");
            return new byte[0];
        }
    }

    /** Compares with every admin key in constant time, so the answer's timing tells nothing. */
    boolean isAdminKey(byte[] keyHash) {
        boolean match = false;
        for (byte[] admin : adminKeyHashes) {
            match |= MessageDigest.isEqual(admin, keyHash);
        }
        return match;
    }

    public SecretKey encryptionKey() {
        return encryptionKey;
    }
}
