package io.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 that receives callbacks. Each test asks for an {@link Endpoint}
 * of its own with scripted answers, and reads back what arrived there.
 */
public final class CallbackReceiver {

    private static CallbackReceiver shared;

    private final HttpServer server;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    private CallbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        // A thread per waiting callback: tests hold many answers at once (slow receivers, latches).
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "callback-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public static synchronized CallbackReceiver shared() {
        if (shared == null) {
            try {
                shared = new CallbackReceiver();
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return shared;
    }

    /** An endpoint that answers 200 to everything. */
    public Endpoint endpoint() {
        return endpoint(Answer.status(200));
    }

    /** An endpoint that gives these answers in turn, then repeats the last one. */
    public Endpoint endpoint(Answer... answers) {
        Endpoint endpoint = new Endpoint("/callbacks/" + UUID.randomUUID(), List.of(answers));
        endpoints.put(endpoint.path, endpoint);
        return endpoint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Endpoint endpoint = endpoints.get(exchange.getRequestURI().getPath());
            if (endpoint == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Answer answer = endpoint.record(new Received(Instant.now(), headers(exchange), body));
            try {
                if (!answer.delay().isZero()) {
                    sleep(answer.delay());
                }
                if (answer.heldUntil() != null) {
                    awaitRelease(answer.heldUntil());
                }
                answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
                exchange.sendResponseHeaders(answer.status(), -1);
            }
            finally {
                endpoint.answered();
            }
        }
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
        return headers;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitRelease(CountDownLatch release) {
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held callback was never released");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * How the receiver answers one callback.
     *
     * @param heldUntil when set, the answer waits until the test counts this latch down
     */
    public record Answer(int status, Duration delay, Map<String, String> headers, CountDownLatch heldUntil) {

        public static Answer status(int status) {
            return new Answer(status, Duration.ZERO, Map.of(), null);
        }

        public static Answer slow(Duration delay) {
            return new Answer(200, delay, Map.of(), null);
        }

        /** {@code 200}, once the test releases it: the callback stays in flight until then. */
        public static Answer heldUntil(CountDownLatch release) {
            return new Answer(200, Duration.ZERO, Map.of(), release);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> all = new HashMap<>(headers);
            all.put(name, value);
            return new Answer(status, delay, all, heldUntil);
        }
    }

    /** One callback as it arrived. Header names are lower case. */
    public record Received(Instant at, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    public final class Endpoint {

        private final String path;
        private final Deque<Answer> script;
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private int open;
        private int mostOpen;

        private Endpoint(String path, List<Answer> answers) {
            this.path = path;
            this.script = new ConcurrentLinkedDeque<>(answers);
        }

        public String url() {
            return "http://127.0.0.1:" + port() + path;
        }

        public String url(String host) {
            return "http://" + host + ":" + port() + path;
        }

        public List<Received> received() {
            return new ArrayList<>(received);
        }

        /** The most callbacks this endpoint had in hand at once. */
        public synchronized int mostAtOnce() {
            return mostOpen;
        }

        private synchronized void answered() {
            open--;
        }

        private synchronized Answer record(Received request) {
            received.add(request);
            mostOpen = Math.max(mostOpen, ++open);
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }
}
