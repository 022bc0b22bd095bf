package io.dispatch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Talks to a running Dispatch over real HTTP, as a client application would: with a bearer key, or
 * with none for the endpoints that need none.
 */
public final class DispatchClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final @Nullable String key;

    /** Without a key: for health, documents, and to see what the API says to a caller without one. */
    public DispatchClient(int port) {
        this(port, null);
    }

    public DispatchClient(int port, @Nullable String key) {
        this.base = "http://127.0.0.1:" + port;
        this.key = key;
    }

    public DispatchClient withKey(String otherKey) {
        return new DispatchClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherKey);
    }

    public Response postJson(String path, Map<String, ?> body) {
        return post(path, "application/json", JSON.writeValueAsString(body));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public Response submit(String type, Map<String, ?> body) {
        return post("/api/v1/tasks/" + type, "application/json", JSON.writeValueAsString(body));
    }

    public Response post(String path, String contentType, String body) {
        return post(path, contentType, body, Map.of());
    }

    public Response post(String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    public Response submit(String type, Map<String, ?> body, Map<String, String> headers) {
        return post("/api/v1/tasks/" + type, "application/json", JSON.writeValueAsString(body), headers);
    }

    public Response put(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public JsonNode ticket(String ticketId) {
        return get("/api/v1/tickets/" + ticketId).json();
    }

    /** Submits an echo-test with a request id of its own and returns the ticket's id. */
    public String submitEchoTest(String callbackUrl) {
        return submit("echo-test", Map.of("request-id", "req-" + UUID.randomUUID(), "email", "a@example.com",
                "name", "A", "surname", "B", "callbackUrl", callbackUrl)).json().get("ticketId").asString();
    }

    /** Waits until the ticket's callback has this status, and returns the callback as it then stands. */
    public JsonNode awaitCallbackStatus(String ticketId, String status) {
        await().atMost(Duration.ofSeconds(15)).until(() -> status.equals(
                ticket(ticketId).get("callback").get("status").asString()));
        return ticket(ticketId).get("callback");
    }

    /** The same request with any {@code Authorization} header, for the tests of what is refused. */
    public Response get(String path, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization).GET());
    }

    private Response send(HttpRequest.Builder request) {
        if (key != null && request.build().headers().firstValue("Authorization").isEmpty()) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The result of a future of a response, for tests that send in parallel. */
    public static Response join(java.util.concurrent.Future<Response> future) {
        try {
            return future.get();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }
    }
}
