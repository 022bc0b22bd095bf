package io.dispatch.example;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The smallest receiver of Dispatch callbacks. It does the two things every receiver should:
 * verify the Standard Webhooks signature (and so the timestamp), and drop a callback whose
 * {@code webhook-id} it has already handled, because delivery is at least once.
 *
 * <p>Settings: {@code WEBHOOK_SECRET} (the {@code whsec_...} secret Dispatch signs with),
 * {@code PORT} (default 8081), {@code BIND} (default 0.0.0.0).
 */
public final class Receiver {

    /** A real receiver keeps these in its database, in the same transaction as its own work. */
    private static final Set<String> handled = Collections.synchronizedSet(
            Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 100_000;
                }
            }));

    public static void main(String[] args) throws Exception {
        String secret = System.getenv("WEBHOOK_SECRET");
        if (secret == null || secret.isBlank()) {
            System.err.println("Set WEBHOOK_SECRET to the whsec_... secret Dispatch signs with");
            System.exit(2);
        }
        Webhook webhook = new Webhook(secret);
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8081"));
        HttpServer server = HttpServer.create(new InetSocketAddress(System.getenv().getOrDefault("BIND", "0.0.0.0"), port), 0);
        server.createContext("/", exchange -> handle(webhook, exchange));
        server.start();
        System.out.println("Receiving Dispatch callbacks on port " + port);
    }

    private static void handle(Webhook webhook, HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
            try {
                webhook.verify(body, headers);
            }
            catch (WebhookVerificationException ex) {
                System.out.println("Refused a callback with a bad signature: " + ex.getMessage());
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String id = headers.get("webhook-id").get(0);
            if (!handled.add(id)) {
                System.out.println("Dropped a duplicate of " + id);
            }
            else {
                System.out.println("Received " + id + ": " + body);
            }
            // A duplicate is answered 2xx too: the sender must stop retrying it.
            exchange.sendResponseHeaders(204, -1);
        }
    }
}
