package io.dispatch.callback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signs callbacks as the Standard Webhooks specification says: HMAC-SHA256 over
 * {@code id.timestamp.body}, keyed by the base64 part of each {@code whsec_} secret.
 */
@Component
class CallbackSigner {

    static final String DEVELOPMENT_SECRET = "whsec_ZGlzcGF0Y2gtZGV2ZWxvcG1lbnQtc2VjcmV0LWNoYW5nZS1tZQ==";

    private static final Logger log = LoggerFactory.getLogger(CallbackSigner.class);
    private static final String PREFIX = "whsec_";

    private final List<SecretKeySpec> keys;

    CallbackSigner(WebhookProperties properties) {
        if (properties.secret() == null || properties.secret().isEmpty()) {
            throw new IllegalStateException("dispatch.webhook.secret is not set: give at least one whsec_<base64> secret");
        }
        if (properties.secret().contains(DEVELOPMENT_SECRET)) {
            log.warn("Signing callbacks with the built-in development secret; set DISPATCH_WEBHOOK_SECRET in production");
        }
        this.keys = properties.secret().stream().map(String::trim).map(CallbackSigner::key).toList();
    }

    /** The {@code webhook-signature} header value: one {@code v1,<base64>} per secret, space-separated. */
    String sign(String webhookId, long timestamp, String body) {
        byte[] content = (webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        return keys.stream()
                .map(key -> "v1," + Base64.getEncoder().encodeToString(hmac(key, content)))
                .collect(Collectors.joining(" "));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(content);
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    private static SecretKeySpec key(String secret) {
        if (!secret.startsWith(PREFIX)) {
            throw new IllegalStateException("dispatch.webhook.secret entries must start with " + PREFIX);
        }
        try {
            return new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256");
        }
        catch (IllegalArgumentException ex) {
            // The message would echo part of the secret, so it is left out.
            throw new IllegalStateException("dispatch.webhook.secret has an entry that is not valid base64 after " + PREFIX);
        }
    }
}
