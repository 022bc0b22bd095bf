package io.dispatch.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Submits echo-test tickets over HTTP/1.1 keep-alive connections, as a client application would. */
final class LoadClient {

    /** One submission: its status, the ticket id (null unless 202), and when it was sent and answered. */
    record Submitted(int status, String ticketId, long sentAt, long answeredAt) {

        long latencyNanos() {
            return answeredAt - sentAt;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI submit;
    private final String callbackUrl;

    LoadClient(int port, String callbackUrl) {
        this.submit = URI.create("http://127.0.0.1:" + port + "/api/v1/tasks/echo-test");
        this.callbackUrl = callbackUrl;
    }

    Submitted submit() {
        String body = "{\"request-id\":\"" + UUID.randomUUID() + "\",\"email\":\"test@example.com\",\"name\":\"Jan\","
                + "\"surname\":\"Kowalski\",\"callbackUrl\":\"" + callbackUrl + "\"}";
        HttpRequest request = HttpRequest.newBuilder(submit).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long answered = System.nanoTime();
            return new Submitted(response.statusCode(),
                    response.statusCode() == 202 ? ticketId(response.body()) : null, sent, answered);
        }
        catch (IOException ex) {
            return new Submitted(-1, null, sent, System.nanoTime());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Submitted(-1, null, sent, System.nanoTime());
        }
    }

    private static String ticketId(String body) {
        int start = body.indexOf("\"ticketId\":\"") + 12;
        return body.substring(start, body.indexOf('"', start));
    }
}
