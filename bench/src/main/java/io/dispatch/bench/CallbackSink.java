package io.dispatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** Receives callbacks on loopback and records when each {@code webhook-id} first arrived, and how often. */
final class CallbackSink implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong lastArrival = new AtomicLong();

    CallbackSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        // No executor: each callback is answered on the server's own thread, as soon as it is read.
        // Recording one is a map update, and a hand-off to a pool would only add a wake-up to the
        // arrival time and take CPU from the service.
        server.setExecutor(null);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (id != null) {
                firstArrival.putIfAbsent(id, now);
                arrivals.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                lastArrival.accumulateAndGet(now, Math::max);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** When the callback of a ticket first arrived ({@link System#nanoTime()}), or null. */
    Long arrival(String ticketId) {
        return firstArrival.get(ticketId);
    }

    long lastArrival() {
        return lastArrival.get();
    }

    long duplicates(Collection<String> ticketIds) {
        return ticketIds.stream().map(arrivals::get).filter(c -> c != null && c.get() > 1).count();
    }

    /**
     * Waits until every ticket was called back, or until no callback arrived for {@code quiet}.
     *
     * @return how many never arrived
     */
    long await(Collection<String> ticketIds, Duration quiet) throws InterruptedException {
        long missing = ticketIds.size();
        long lastProgress = System.nanoTime();
        while (true) {
            long nowMissing = ticketIds.stream().filter(id -> !firstArrival.containsKey(id)).count();
            if (nowMissing == 0) {
                return 0;
            }
            if (nowMissing < missing) {
                missing = nowMissing;
                lastProgress = System.nanoTime();
            }
            else if (System.nanoTime() - lastProgress > quiet.toNanos()) {
                return nowMissing;
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
