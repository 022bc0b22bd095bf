package io.dispatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who used the machine's CPU during a phase: the service, PostgreSQL, RabbitMQ, this harness (load
 * generator and sink) and the rest, from the CPU time {@code /proc} keeps per process. Shares are of
 * the whole machine (all cores = 100 %), so they show which process a phase is bound by; CPU time per
 * ticket compares runs on a machine whose speed varies from run to run better than rates do.
 */
final class CpuShares {

    private static final double TICKS_PER_SECOND = 100.0;

    private final long servicePid;
    private final long harnessPid = ProcessHandle.current().pid();
    private Map<Long, Double> startTicks = Map.of();
    private long startNanos;

    CpuShares(long servicePid) {
        this.servicePid = servicePid;
    }

    /**
     * The same split beside a load this harness does not drive (the side-by-side comparison, a
     * client of your own): {@code SERVICE_PID SECONDS [TICKETS]}. The load generator counts as "rest".
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: CpuShares SERVICE_PID SECONDS [TICKETS]");
            System.exit(2);
        }
        CpuShares shares = new CpuShares(Long.parseLong(args[0]));
        long tickets = args.length == 3 ? Long.parseLong(args[2]) : 0;
        shares.start();
        Thread.sleep((long) (Double.parseDouble(args[1]) * 1000));
        Usage usage = shares.stop();
        usage.cpuSeconds().forEach((group, cpu) -> {
            System.out.printf("%-24s %7.1f s %5.1f %%", group, cpu, usage.share(group));
            System.out.println(tickets > 0 ? "%8.3f ms/ticket".formatted(cpu * 1000 / tickets) : "");
        });
    }

    void start() throws IOException {
        startTicks = ticksByProcess();
        startNanos = System.nanoTime();
    }

    /** CPU seconds each group used since {@link #start()}, and the seconds that passed. */
    record Usage(Map<String, Double> cpuSeconds, double elapsedSeconds) {

        /** The group's share of the machine, in percent (all cores = 100 %). */
        double share(String group) {
            return 100 * cpuSeconds.get(group) / (elapsedSeconds * Runtime.getRuntime().availableProcessors());
        }
    }

    Usage stop() throws IOException {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> used = new LinkedHashMap<>();
        for (String group : new String[] { "service", "PostgreSQL", "RabbitMQ", "load generator and sink", "rest" }) {
            used.put(group, 0.0);
        }
        ticksByProcess().forEach((pid, ticks) -> used.merge(group(pid),
                ticks - startTicks.getOrDefault(pid, 0.0), Double::sum));
        used.replaceAll((group, ticks) -> ticks / TICKS_PER_SECOND);
        return new Usage(used, elapsed);
    }

    private String group(long pid) {
        if (pid == servicePid) {
            return "service";
        }
        if (pid == harnessPid) {
            return "load generator and sink";
        }
        String command = read(Path.of("/proc", Long.toString(pid), "comm")).trim();
        if (command.startsWith("postgres") || command.startsWith("postmaster")) {
            return "PostgreSQL";
        }
        if (command.startsWith("beam") || command.startsWith("erl_child") || command.startsWith("epmd")) {
            return "RabbitMQ";
        }
        return "rest";
    }

    /** utime + stime of every process, in clock ticks (USER_HZ, 100 on Linux). */
    private static Map<Long, Double> ticksByProcess() throws IOException {
        Map<Long, Double> ticks = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String stat = read(process.resolve("stat"));
                int end = stat.lastIndexOf(')');
                if (end < 0) {
                    continue;
                }
                String[] fields = stat.substring(end + 2).split(" ");
                ticks.put(Long.parseLong(process.getFileName().toString()),
                        Double.parseDouble(fields[11]) + Double.parseDouble(fields[12]));
            }
        }
        return ticks;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        }
        catch (IOException gone) {
            return "";
        }
    }
}
