package io.dispatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/** The load shapes the benchmark runs. Latencies are recorded in microseconds in HdrHistograms. */
final class Phases {

    private static final Duration QUIET = Duration.ofSeconds(30);

    private final LoadClient client;
    private final CallbackSink sink;
    private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());

    Phases(LoadClient client, CallbackSink sink) {
        this.client = client;
        this.sink = sink;
    }

    record ClosedLoop(int connections, double acceptedPerSecond, Histogram postLatency, long non202) {
    }

    record EndToEnd(int tickets, double acceptedPerSecond, double deliveredPerSecond, Histogram latency, long lost,
            long duplicates) {
    }

    record OpenLoop(double rate, Histogram latency, long lost, long non202) {
    }

    /** C connections submitting as fast as they can; only the time after the warm-up counts. */
    ClosedLoop closedLoop(int connections, Duration warmup, Duration duration) throws InterruptedException {
        submitFor(connections, warmup, new Histogram(3), new AtomicLong(), new AtomicLong());
        Histogram latency = new Histogram(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        submitFor(connections, duration, latency, ok, failed);
        return new ClosedLoop(connections, ok.get() / seconds(duration), latency, failed.get());
    }

    /**
     * The HTTP stack's own ceiling on this machine: C connections asking for the liveness probe,
     * which touches neither database nor broker, as fast as they can. No submission can be faster.
     */
    /** How many liveness probes {@code connections} connections had answered in {@code duration}. */
    long livenessFor(int connections, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong answered = new AtomicLong();
        run(connections, () -> {
            while (System.nanoTime() < end) {
                if (client.live()) {
                    answered.incrementAndGet();
                }
            }
        });
        return answered.get();
    }

    /** N tickets at C connections, each followed to its callback. */
    EndToEnd endToEnd(int tickets, int connections) throws InterruptedException {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        run(connections, () -> {
            while (next.getAndIncrement() < tickets) {
                LoadClient.Submitted submitted = client.submit();
                if (submitted.ticketId() != null) {
                    sentAt.put(submitted.ticketId(), submitted.sentAt());
                }
            }
        });
        double acceptedPerSecond = sentAt.size() / seconds(Duration.ofNanos(System.nanoTime() - start));
        long lost = sink.await(sentAt.keySet(), QUIET) + (tickets - sentAt.size());
        Histogram latency = new Histogram(3);
        sentAt.forEach((id, sent) -> {
            Long arrived = sink.arrival(id);
            if (arrived != null) {
                latency.recordValue(micros(arrived - sent));
            }
        });
        double deliveredPerSecond = latency.getTotalCount() / seconds(Duration.ofNanos(sink.lastArrival() - start));
        return new EndToEnd(tickets, acceptedPerSecond, deliveredPerSecond, latency, lost,
                sink.duplicates(sentAt.keySet()));
    }

    /**
     * Submissions at a fixed rate, each measured from the moment it was meant to be sent, so a
     * stalled service shows up in the figures instead of slowing the load (no coordinated omission).
     */
    OpenLoop openLoop(double rate, Duration duration) throws InterruptedException {
        Map<String, Long> intendedAt = new ConcurrentHashMap<>();
        AtomicLong failed = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(256);
        long start = System.nanoTime();
        long count = (long) (rate * seconds(duration));
        for (long i = 0; i < count; i++) {
            long intended = start + (long) (i * 1e9 / rate);
            LockSupport.parkNanos(intended - System.nanoTime());
            senders.execute(() -> {
                LoadClient.Submitted submitted = client.submit();
                if (submitted.ticketId() == null) {
                    failed.incrementAndGet();
                }
                else {
                    intendedAt.put(submitted.ticketId(), intended);
                    accepted.add(submitted.ticketId());
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.MINUTES);
        long lost = sink.await(intendedAt.keySet(), QUIET);
        Histogram latency = new Histogram(3);
        intendedAt.forEach((id, intended) -> {
            Long arrived = sink.arrival(id);
            if (arrived != null) {
                latency.recordValue(micros(arrived - intended));
            }
        });
        return new OpenLoop(rate, latency, lost, failed.get());
    }

    /** One ticket at a time: submit, wait for its callback, then the next. */
    Histogram idle(int tickets) throws InterruptedException {
        Histogram latency = new Histogram(3);
        for (int i = 0; i < tickets; i++) {
            LoadClient.Submitted submitted = client.submit();
            if (submitted.ticketId() != null && sink.await(List.of(submitted.ticketId()), QUIET) == 0) {
                latency.recordValue(micros(sink.arrival(submitted.ticketId()) - submitted.sentAt()));
            }
        }
        return latency;
    }

    /** Waits until every ticket accepted so far was called back, so one phase's backlog does not slow the next. */
    long drain() throws InterruptedException {
        return sink.await(new ArrayList<>(accepted), QUIET);
    }

    private void submitFor(int connections, Duration duration, Histogram latency, AtomicLong ok, AtomicLong failed)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        run(connections, () -> {
            Histogram mine = new Histogram(3);
            while (System.nanoTime() < end) {
                LoadClient.Submitted submitted = client.submit();
                mine.recordValue(micros(submitted.latencyNanos()));
                if (submitted.ticketId() != null) {
                    ok.incrementAndGet();
                    accepted.add(submitted.ticketId());
                }
                else {
                    failed.incrementAndGet();
                }
            }
            synchronized (latency) {
                latency.add(mine);
            }
        });
    }

    private static void run(int threads, Runnable work) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < threads; i++) {
            pool.execute(work);
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
    }

    private static long micros(long nanos) {
        return Math.max(1, nanos / 1000);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
