package io.dispatch.client.secrets;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret, {@code whsec_} and the base64 of 24 to 64 random bytes.
 * {@link #toString()} hides it, so it cannot slip into a log line.
 */
public record WebhookSecret(String value) {

    private static final String PREFIX = "whsec_";
    private static final int MIN_BYTES = 24;
    private static final int MAX_BYTES = 64;

    public WebhookSecret {
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("must start with " + PREFIX);
        }
        int length;
        try {
            length = Base64.getDecoder().decode(value.substring(PREFIX.length())).length;
        }
        catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("must be " + PREFIX + " followed by base64");
        }
        if (length < MIN_BYTES || length > MAX_BYTES) {
            throw new IllegalArgumentException("must be " + PREFIX + " followed by the base64 of "
                    + MIN_BYTES + " to " + MAX_BYTES + " bytes");
        }
    }

    public static WebhookSecret random(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** The HMAC key: the decoded base64 part. */
    public byte[] key() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return "WebhookSecret[hidden]";
    }
}
