package io.dispatch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running Dispatch over real HTTP, as a client application would. */
public final class DispatchClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public DispatchClient(int port) {
        this.base = "http://127.0.0.1:" + port;
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

    public Response post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public JsonNode ticket(String ticketId) {
        return get("/api/v1/tickets/" + ticketId).json();
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
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
