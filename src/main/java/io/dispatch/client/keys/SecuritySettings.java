package io.dispatch.client.keys;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.dispatch.system.Sha256;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The admin keys and the encryption key, checked once at start-up: without both the service
 * would either be open to anyone or unable to keep webhook secrets, so it refuses to start.
 */
@Component
public class SecuritySettings {

    private static final int MIN_ADMIN_KEY_LENGTH = 32;

    private final List<byte[]> adminKeyHashes;
    private final EncryptionKey encryptionKey;
    private final List<EncryptionKey> previousEncryptionKeys;

    SecuritySettings(SecurityProperties properties) {
        List<String> problems = new ArrayList<>();
        List<String> adminKeys = properties.adminKeys().stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
        if (adminKeys.isEmpty()) {
            problems.add("dispatch.security.admin-keys is not set");
        }
        else if (adminKeys.stream().anyMatch(key -> key.length() < MIN_ADMIN_KEY_LENGTH)) {
            problems.add("dispatch.security.admin-keys has a key shorter than " + MIN_ADMIN_KEY_LENGTH + " characters");
        }
        byte[] key = decode("dispatch.security.encryption-key", properties.encryptionKey(), problems);
        List<byte[]> previous = properties.previousEncryptionKeys().stream().filter(k -> !k.isBlank())
                .map(k -> decode("dispatch.security.previous-encryption-keys", k, problems)).toList();
        if (!problems.isEmpty()) {
            throw new MissingSecuritySettingsException(problems);
        }
        this.adminKeyHashes = adminKeys.stream().map(ApiKeyFormat::hash).toList();
        this.encryptionKey = EncryptionKey.of(key);
        this.previousEncryptionKeys = previous.stream().map(EncryptionKey::of)
                .filter(old -> !old.version().equals(encryptionKey.version())).toList();
    }

    /**
     * An AES key for the webhook secrets and its version: the first eight hex digits of its
     * SHA-256, stored beside each value so that the right key is found among several, and telling
     * nothing of the key itself.
     */
    public record EncryptionKey(SecretKey key, String version) {

        static EncryptionKey of(byte[] key) {
            return new EncryptionKey(new SecretKeySpec(key, "AES"),
                    HexFormat.of().formatHex(Sha256.of(Base64.getEncoder().encodeToString(key)), 0, 4));
        }

        @Override
        public String toString() {
            return "EncryptionKey[version=" + version + ", key hidden]";
        }
    }

    private static byte[] decode(String setting, @Nullable String encryptionKey, List<String> problems) {
        if (encryptionKey == null || encryptionKey.isBlank()) {
            problems.add(setting + " is not set");
            return new byte[0];
        }
        try {
            byte[] key = Base64.getDecoder().decode(encryptionKey.trim());
            if (key.length != 32) {
                problems.add(setting + " must be the base64 of 32 bytes, not " + key.length);
            }
            return key;
        }
        catch (IllegalArgumentException notBase64) {
            problems.add(setting + " is not base64");
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

    /** The key new values are encrypted under. */
    public EncryptionKey encryptionKey() {
        return encryptionKey;
    }

    /** Keys values may still be stored under until the re-encryption has moved them: they only decrypt. */
    public List<EncryptionKey> previousEncryptionKeys() {
        return previousEncryptionKeys;
    }
}
