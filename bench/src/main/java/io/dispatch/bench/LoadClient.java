package io.dispatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Submits echo-test tickets over HTTP/1.1 keep-alive connections, as a client application would.
 * A blocking client that does its I/O on the calling thread: the JDK's asynchronous client hands
 * each exchange between threads, which on these shared cores cost the service CPU and added
 * wake-ups to every latency measured.
 */
final class LoadClient implements AutoCloseable {

    /** One submission: its status, the ticket id (null unless 202), and when it was sent and answered. */
    record Submitted(int status, String ticketId, long sentAt, long answeredAt) {

        long latencyNanos() {
            return answeredAt - sentAt;
        }
    }

    private static final int CONNECTIONS = 256;

    private final CloseableHttpClient http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(CONNECTIONS)
                    .setMaxConnPerRoute(CONNECTIONS)
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(5))
                            .setSocketTimeout(Timeout.ofSeconds(30))
                            .build())
                    .build())
            .disableAutomaticRetries()
            .build();
    private final String submit;
    private final String liveness;
    private final String callbackUrl;

    private final String key;

    /** Makes a client for the load with the admin key, and submits with that client's key. */
    LoadClient(int port, String callbackUrl, String adminKey) throws IOException {
        this.submit = "http://127.0.0.1:" + port + "/api/v1/tasks/echo-test";
        this.liveness = "http://127.0.0.1:" + port + "/actuator/health/liveness";
        this.callbackUrl = callbackUrl;
        HttpPost made = new HttpPost("http://127.0.0.1:" + port + "/api/v1/clients");
        made.setHeader("Authorization", "Bearer " + adminKey);
        made.setEntity(new StringEntity("{\"name\":\"bench\"}", ContentType.APPLICATION_JSON));
        this.key = http.execute(made, response -> {
            String answer = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            if (response.getCode() != 201) {
                throw new IOException("Could not make the benchmark's client: " + response.getCode() + " " + answer);
            }
            int start = answer.indexOf("\"key\":\"") + 7;
            return answer.substring(start, answer.indexOf('"', start));
        });
    }

    Submitted submit() {
        String body = "{\"request-id\":\"" + UUID.randomUUID() + "\",\"email\":\"test@example.com\",\"name\":\"Jan\","
                + "\"surname\":\"Kowalski\",\"callbackUrl\":\"" + callbackUrl + "\"}";
        HttpPost post = new HttpPost(submit);
        post.setHeader("Authorization", "Bearer " + key);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        long sent = System.nanoTime();
        try {
            return http.execute(post, response -> {
                String answer = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                long answered = System.nanoTime();
                return new Submitted(response.getCode(), response.getCode() == 202 ? ticketId(answer) : null, sent,
                        answered);
            });
        }
        catch (IOException ex) {
            return new Submitted(-1, null, sent, System.nanoTime());
        }
    }

    /** The cheapest request the service answers, its liveness probe; true when it answered 200. */
    boolean live() {
        try {
            return http.execute(new HttpGet(liveness), response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode() == 200;
            });
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static String ticketId(String body) {
        int start = body.indexOf("\"ticketId\":\"") + 12;
        return body.substring(start, body.indexOf('"', start));
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
