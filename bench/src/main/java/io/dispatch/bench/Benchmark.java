package io.dispatch.bench;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Measures Dispatch on this machine against the local PostgreSQL and RabbitMQ, with the load
 * generator, the service, both servers and the callback sink sharing the same cores. It reports;
 * it never fails on speed. Settings are system properties (see bench/run.sh).
 */
public final class Benchmark {

    private static final String DATABASE = "dispatch_bench";
    private static final String CEILING_DATABASE = "dispatch_bench_ceiling";

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        String java = System.getProperty("bench.java", "java");
        List<String> jvmOptions = Arrays.asList(System.getProperty("bench.jvm", "-Xmx256m").trim().split("\\s+"));
        String aotCache = System.getProperty("bench.aot-cache", "");
        Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup", 10));
        Duration closed = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
        int tickets = Integer.getInteger("bench.tickets", 20_000);
        Duration open = Duration.ofSeconds(Long.getLong("bench.open-seconds", 60));
        int pgbenchSeconds = Integer.getInteger("bench.pgbench-seconds", 15);
        // For tuning: only the ceilings, a warm-up and the end-to-end phase.
        boolean all = !"end-to-end".equals(System.getProperty("bench.only", ""));

        Report report = new Report();
        report.note("service: " + java + " " + String.join(" ", jvmOptions) + (aotCache.isEmpty() ? "" : " -XX:AOTCache="
                + aotCache) + " -jar " + jar + " --spring.profiles.active=bench");
        report.note("machine: " + Runtime.getRuntime().availableProcessors() + " cores; load generator, service, "
                + "PostgreSQL, RabbitMQ and callback sink share them");
        Ceilings.prepare(CEILING_DATABASE, Path.of("src/main/resources/db/migration"));
        double inserts = Ceilings.pgbench(CEILING_DATABASE, "bench/pgbench/insert.sql", 64, pgbenchSeconds);
        double lives = Ceilings.pgbench(CEILING_DATABASE, "bench/pgbench/life.sql", 16, pgbenchSeconds);
        Ceilings.drop(CEILING_DATABASE);
        report.add("pgbench ceiling", "durable inserts/s, 64 clients", inserts, "/s");
        report.add("pgbench ceiling", "ticket lives/s (4 tx), 16 clients", lives, "/s");
        List<String> serviceOptions = jvmOptions;
        if (!aotCache.isEmpty()) {
            if (all) {
                // The first start shows the plain figure; the service under load then starts from the AOT cache.
                Ceilings.recreate(DATABASE);
                try (ServiceUnderTest plain = ServiceUnderTest.start(java, jvmOptions, jar, DATABASE, "dispatch-bench",
                        new File("target/bench-service-plain.log"))) {
                    report.add("startup", "java -jar to ready, no AOT cache", plain.readyAfter().toMillis(), "ms");
                }
            }
            serviceOptions = new ArrayList<>(jvmOptions);
            serviceOptions.add("-XX:AOTCache=" + aotCache);
        }
        Ceilings.recreate(DATABASE);
        try (CallbackSink sink = new CallbackSink();
                ServiceUnderTest service = ServiceUnderTest.start(java, serviceOptions, jar, DATABASE, "dispatch-bench",
                        new File("target/bench-service.log"));
                LoadClient client = new LoadClient(service.port(), sink.url(), service.adminKey())) {
            report.add("startup", aotCache.isEmpty() ? "java -jar to ready" : "java -jar to ready, AOT cache",
                    service.readyAfter().toMillis(), "ms");

            Phases phases = new Phases(client, sink);
            phases.closedLoop(16, warmup, Duration.ofSeconds(1));
            phases.drain();
            Floor floor = all ? closedLoops(report, phases, warmup, closed, inserts, service.pid()) : null;

            CpuShares cpu = new CpuShares(service.pid());
            cpu.start();
            Phases.EndToEnd e2e = phases.endToEnd(tickets, 64);
            CpuShares.Usage usage = cpu.stop();
            String section = "end to end, N=" + tickets;
            report.add(section, "accepted", e2e.acceptedPerSecond(), "/s", inserts, "pgbench inserts");
            report.add(section, "delivered callbacks", e2e.deliveredPerSecond(), "/s", lives, "pgbench lives");
            report.latencies(section, "POST→callback", e2e.latency(), 50, 90, 99);
            report.add(section, "lost", e2e.lost(), "");
            report.add(section, "duplicates", e2e.duplicates(), "");
            for (String group : usage.cpuSeconds().keySet()) {
                report.add(section, "CPU of the machine: " + group, usage.share(group), "%");
            }
            for (Map.Entry<String, Double> used : usage.cpuSeconds().entrySet()) {
                report.add(section, "CPU per ticket: " + used.getKey(), 1000 * used.getValue() / tickets, "ms");
            }
            // What the delivered rate could at most be if the service and RabbitMQ took no CPU at all.
            double floorMillis = 1000 * (usage.cpuSeconds().get("PostgreSQL")
                    + usage.cpuSeconds().get("load generator and sink")) / tickets;
            report.add(section, "bound: CPU of PostgreSQL and harness only",
                    Runtime.getRuntime().availableProcessors() * 1000 / floorMillis, "/s", lives, "pgbench lives");

            if (floor != null) {
                double machinePerTicket = 1000 * usage.cpuSeconds().values().stream().mapToDouble(d -> d).sum() / tickets;
                report.add("targets", "cost: machine CPU per delivered ticket, in liveness GETs at C=64",
                        machinePerTicket / floor.machineMillisPerGet(), "×");
                report.add("targets", "intake: closed loop C=64 accepted / liveness rate at C=64",
                        floor.accepted64() / floor.livenessPerSecond(), "×");
                openLoop(report, phases, e2e.deliveredPerSecond() / 2, open);
            }
            report.add("memory", "resident at the end", service.residentMegabytes(), "MiB");
        }
        report.print();
        Path json = Path.of("target/bench-result.json");
        report.writeJson(json);
        System.out.println("# written to " + json);
    }

    /**
     * What the HTTP stack alone costs on this machine, the yardstick of the targets: the liveness
     * rate at 64 connections, and the whole machine's CPU per probe (client and server).
     */
    private record Floor(double accepted64, double livenessPerSecond, double machineMillisPerGet) {
    }

    private static Floor closedLoops(Report report, Phases phases, Duration warmup, Duration closed, double inserts,
            long servicePid) throws Exception {
        report.latencies("idle, 1 at a time", "POST→callback", phases.idle(200), 50, 99);
        double accepted64 = 0;
        for (int connections : new int[] { 16, 64 }) {
            Phases.ClosedLoop loop = phases.closedLoop(connections, warmup, closed);
            String section = "closed loop, C=" + connections;
            report.add(section, "accepted", loop.acceptedPerSecond(), "/s", inserts, "pgbench inserts");
            report.latencies(section, "POST", loop.postLatency(), 50, 99);
            report.add(section, "non-202 answers", loop.non202(), "");
            report.add(section, "never called back", phases.drain(), "");
            accepted64 = loop.acceptedPerSecond();
        }
        phases.livenessFor(64, warmup);
        CpuShares machine = new CpuShares(servicePid);
        machine.start();
        long answered = phases.livenessFor(64, closed);
        CpuShares.Usage used = machine.stop();
        double liveness = answered / used.elapsedSeconds();
        report.add("stack floor", "GET liveness, C=64", liveness, "/s", inserts, "pgbench inserts");
        double millisPerGet = 1000 * used.cpuSeconds().values().stream().mapToDouble(d -> d).sum() / answered;
        report.add("stack floor", "machine CPU per GET liveness", millisPerGet, "ms");
        return new Floor(accepted64, liveness, millisPerGet);
    }

    private static void openLoop(Report report, Phases phases, double rate, Duration open) throws Exception {
        Phases.OpenLoop openLoop = phases.openLoop(rate, open);
        String section = String.format("open loop, R=%.0f/s", openLoop.rate());
        report.latencies(section, "POST→callback", openLoop.latency(), 50, 99);
        report.add(section, "lost", openLoop.lost(), "");
        report.add(section, "non-202 answers", openLoop.non202(), "");
    }
}
