package io.dispatch.callback.sending;

import java.util.List;
import java.util.Map;

import io.dispatch.client.secrets.WebhookSecret;

import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signatures checked by the Standard Webhooks reference library, not by our own code. */
class CallbackSignerTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String NEXT_SECRET = "whsec_bmV4dC1zZWNyZXQtZm9yLXJvdGF0aW9u";

    @Test
    void producesASignatureTheReferenceLibraryAccepts() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String body = "{\"type\":\"echo-test.completed\"}";

        String signature = CallbackSigner.signature(List.of(new WebhookSecret(SECRET)), "msg_1", now, body);

        assertThat(signature).isEqualTo(new Webhook(SECRET).sign("msg_1", now, body));
        assertThatCode(() -> new Webhook(SECRET).verify(body, headers("msg_1", now, signature)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(SECRET).verify(body + " ", headers("msg_1", now, signature)))
                .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
    }

    @Test
    void signsWithEverySecretDuringARotation() {
        long now = System.currentTimeMillis() / 1000;

        String signature = CallbackSigner.signature(List.of(new WebhookSecret(SECRET), new WebhookSecret(NEXT_SECRET)),
                "msg_2", now, "{}");

        assertThat(signature.split(" ")).hasSize(2);
        for (String secret : List.of(SECRET, NEXT_SECRET)) {
            assertThatCode(() -> new Webhook(secret).verify("{}", headers("msg_2", now, signature)))
                    .doesNotThrowAnyException();
        }
    }

    private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }
}
