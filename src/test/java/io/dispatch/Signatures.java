package io.dispatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Standard Webhooks headers of a received callback, as the reference library wants them. */
public final class Signatures {

    private Signatures() {
    }

    public static Map<String, List<String>> headers(CallbackReceiver.Received received) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            headers.put(name, List.of(received.header(name)));
        }
        return headers;
    }

    /** The same with one of the signatures only, to verify each signature of a rotation on its own. */
    public static Map<String, List<String>> headers(CallbackReceiver.Received received, String signature) {
        Map<String, List<String>> headers = headers(received);
        headers.put("webhook-signature", List.of(signature));
        return headers;
    }
}
