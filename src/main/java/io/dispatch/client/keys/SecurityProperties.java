package io.dispatch.client.keys;

import java.time.Duration;
import java.util.List;

import io.dispatch.system.Settings;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the API's keys and secrets.
 *
 * @param adminKeys the operators' keys, any strings of 32 or more characters; several, so one can be rotated
 * @param encryptionKey base64 of 32 random bytes, the AES key the webhook secrets are stored under
 * @param previousEncryptionKeys keys they may still be stored under after a rotation: these only
 *        decrypt, and a background job moves what they hold to {@code encryptionKey}
 * @param keyCacheTtl how long an instance trusts what it read of a client key; bounds how late
 *        another instance notices a revocation (the contract promises 5 seconds)
 * @param lastUsedInterval how often the keys' last use is written
 * @param failedKeys how many wrong keys one source address may present in a minute before it is
 *        refused until the minute is over
 * @param developmentClient a client made at start-up with a fixed key and secret, for development only
 */
@ConfigurationProperties("dispatch.security")
public record SecurityProperties(
        @DefaultValue List<String> adminKeys,
        @Nullable String encryptionKey,
        @DefaultValue List<String> previousEncryptionKeys,
        @DefaultValue("2s") Duration keyCacheTtl,
        @DefaultValue("5s") Duration lastUsedInterval,
        @DefaultValue("20") int failedKeys,
        @Nullable DevelopmentClient developmentClient) {

    public SecurityProperties {
        // The contract promises that a revoked key is refused everywhere within 5 seconds.
        Settings.requireBetweenZeroAnd("dispatch.security.key-cache-ttl", keyCacheTtl, Duration.ofSeconds(5));
        Settings.requirePositive("dispatch.security.last-used-interval", lastUsedInterval);
        Settings.requireBetween("dispatch.security.failed-keys", failedKeys, 1, 10_000);
    }

    /** A fixed client for {@code ./mvnw spring-boot:run}: its key and secret are printed in the README. */
    public record DevelopmentClient(String name, String key, String webhookSecret) {

        @Override
        public String toString() {
            return "DevelopmentClient[name=" + name + ", key and secret hidden]";
        }
    }

    @Override
    public String toString() {
        return "SecurityProperties[adminKeys=(" + adminKeys.size() + " hidden), encryptionKey=(hidden), "
                + "previousEncryptionKeys=(" + previousEncryptionKeys.size() + " hidden), keyCacheTtl=" + keyCacheTtl
                + ", lastUsedInterval=" + lastUsedInterval + ", failedKeys=" + failedKeys + ", developmentClient="
                + developmentClient + "]";
    }
}
