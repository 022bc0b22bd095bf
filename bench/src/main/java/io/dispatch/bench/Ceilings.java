package io.dispatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What PostgreSQL alone does on this machine now, measured with pgbench on the service's own tables. */
final class Ceilings {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private Ceilings() {
    }

    /** Transactions per second of a pgbench script, durable commits, prepared statements. */
    static double pgbench(String database, String script, int clients, int seconds)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder("pgbench", "-h", "127.0.0.1", "-U", "postgres", "-n", "-M", "prepared",
                "-c", Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds), "-f", script, database)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench gave no rate:\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    /**
     * A database of its own with the service's schema, built from the service's Flyway migrations,
     * so pgbench measures the very tables the service writes without the service seeing its rows.
     */
    static void prepare(String database, Path migrations) throws IOException, InterruptedException {
        recreate(database);
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path migration : files.sorted(Comparator.comparing(Ceilings::version)).toList()) {
                psql(database, "-f", migration.toString());
            }
        }
        // The client the pgbench scripts' tickets belong to.
        psql(database, "-c", "INSERT INTO clients (id, name, created_at) VALUES ('" + PGBENCH_CLIENT
                + "', 'pgbench', now())");
    }

    static final String PGBENCH_CLIENT = "00000000-0000-0000-0000-0000000000bb";

    /** An empty database of that name: the service under test starts on a fresh schema. */
    static void recreate(String database) throws IOException, InterruptedException {
        drop(database);
        psql("postgres", "-c", "CREATE DATABASE " + database);
    }

    static void drop(String database) throws IOException, InterruptedException {
        psql("postgres", "-c", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    /** Runs psql on a database of the local server; answers what it printed. */
    static String psql(String database, String... command) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database,
                "-q", "-v", "ON_ERROR_STOP=1"));
        arguments.addAll(List.of(command));
        Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + output);
        }
        return output;
    }
}
