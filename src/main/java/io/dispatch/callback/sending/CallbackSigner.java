package io.dispatch.callback.sending;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.dispatch.client.ClientId;
import io.dispatch.client.secrets.WebhookSecret;
import io.dispatch.client.secrets.WebhookSecrets;

import org.springframework.stereotype.Component;

/**
 * Signs callbacks as the Standard Webhooks specification says: HMAC-SHA256 over
 * {@code id.timestamp.body}, keyed by the base64 part of each of the ticket's client's live
 * secrets. Never with another client's: the secrets are looked up by the delivery's own client.
 */
@Component
class CallbackSigner {

    private final WebhookSecrets secrets;

    CallbackSigner(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    /** The {@code webhook-signature} header value: one {@code v1,<base64>} per live secret, space-separated. */
    String sign(ClientId clientId, String webhookId, long timestamp, String body) {
        List<WebhookSecret> live = secrets.signingSecrets(clientId);
        if (live.isEmpty()) {
            throw new IllegalStateException("client " + clientId + " has no live webhook secret");
        }
        return signature(live, webhookId, timestamp, body);
    }

    static String signature(List<WebhookSecret> live, String webhookId, long timestamp, String body) {
        byte[] content = (webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        return live.stream()
                .map(secret -> "v1," + Base64.getEncoder().encodeToString(hmac(secret, content)))
                .collect(Collectors.joining(" "));
    }

    private static byte[] hmac(WebhookSecret secret, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            return mac.doFinal(content);
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }
}
