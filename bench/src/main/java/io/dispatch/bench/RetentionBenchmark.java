package io.dispatch.bench;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What deleting ended tickets costs intake: the same closed loop of submissions twice, on a
 * database holding {@code bench.ended} tickets that ended three days ago, first with retention off
 * and then with retention deleting them (a one-day retention, a round every second). Prints the
 * submissions' latencies of both runs and the ratio of their p99. Never fails on speed.
 */
public final class RetentionBenchmark {

    private static final String DATABASE = "dispatch_bench_retention";
    private static final String RETIRED = "00000000-0000-0000-0000-0000000000e1";

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        String java = System.getProperty("bench.java", "java");
        List<String> jvmOptions = Arrays.asList(System.getProperty("bench.jvm", "-Xmx256m").trim().split("\\s+"));
        int ended = Integer.getInteger("bench.ended", 100_000);
        Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup", 5));
        Duration loop = Duration.ofSeconds(Long.getLong("bench.seconds", 30));
        int connections = Integer.getInteger("bench.connections", 16);

        Report report = new Report();
        report.note("service: " + java + " " + String.join(" ", jvmOptions) + " -jar " + jar);
        double[] p99 = new double[2];
        for (int run = 0; run < 2; run++) {
            boolean deleting = run == 1;
            String section = deleting ? "intake while " + ended + " ended tickets are deleted"
                    : "intake beside " + ended + " ended tickets, retention off";
            Ceilings.recreate(DATABASE);
            List<String> options = new ArrayList<>(jvmOptions);
            options.add("-Ddispatch.retention.ended-tickets=" + (deleting ? "P1D" : "0"));
            options.add("-Ddispatch.retention.interval=1s");
            try (CallbackSink sink = new CallbackSink();
                    ServiceUnderTest service = ServiceUnderTest.start(java, options, jar, DATABASE, "dispatch-bench",
                            new File("target/bench-retention-" + run + ".log"));
                    LoadClient client = new LoadClient(service.port(), sink.url(), service.adminKey())) {
                seed(ended);
                Phases.ClosedLoop measured = new Phases(client, sink).closedLoop(connections, warmup, loop);
                report.latencies(section, "POST, C=" + connections, measured.postLatency(), 50, 99);
                report.add(section, "accepted", measured.acceptedPerSecond(), "/s");
                report.add(section, "ended tickets left at the end",
                        count("SELECT count(*) FROM tickets WHERE client_id = '" + RETIRED + "'"), "");
                p99[run] = measured.postLatency().getValueAtPercentile(99);
            }
        }
        report.add("retention", "p99 of a submission, deleting / not deleting", p99[1] / p99[0], "×");
        report.print();
    }

    /** Tickets that ended three days ago, each with its delivered callback and one attempt, in one transaction. */
    private static void seed(int ended) throws Exception {
        String threeDaysAgo = "now() - interval '3 days'";
        Ceilings.psql(DATABASE, "-1",
                "-c", "INSERT INTO clients (id, name, created_at) VALUES ('" + RETIRED + "', 'retired', now())",
                "-c", "INSERT INTO tickets (id, client_id, type, request_id, payload, payload_hash, callback_url, "
                        + "status, run_count, version, created_at, updated_at, published_at) SELECT gen_random_uuid(), '"
                        + RETIRED + "', 'echo-test', 'ended-' || g, '{}', 'h', 'http://127.0.0.1:9/cb', 'COMPLETED', "
                        + "1, 2, " + threeDaysAgo + ", " + threeDaysAgo + ", " + threeDaysAgo
                        + " FROM generate_series(1, " + ended + ") g",
                "-c", "INSERT INTO callback_deliveries (ticket_id, client_id, url, body, status, attempts, "
                        + "budget_start, created_at, updated_at) SELECT id, client_id, callback_url, '{}', 'DELIVERED', "
                        + "1, 0, updated_at, updated_at FROM tickets WHERE client_id = '" + RETIRED + "'",
                "-c", "INSERT INTO callback_attempts (ticket_id, attempt, attempted_at, status_code, duration_ms, "
                        + "outcome) SELECT ticket_id, 1, updated_at, 200, 3, 'SUCCEEDED' FROM callback_deliveries "
                        + "WHERE client_id = '" + RETIRED + "'");
    }

    private static long count(String query) throws Exception {
        return Long.parseLong(Ceilings.psql(DATABASE, "-t", "-A", "-c", query).trim());
    }
}
