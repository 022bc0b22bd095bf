package io.dispatch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A three-node RabbitMQ cluster on this machine (nodes a, b and c on ports 5681 to 5683), run by
 * {@code ops/rabbit-cluster/cluster.sh} with its own state file, for tests that kill a node.
 */
public final class RabbitCluster implements AutoCloseable {

    public static final String ADDRESSES = "127.0.0.1:5681,127.0.0.1:5682,127.0.0.1:5683";
    private static final Pattern NODE_IN_PID = Pattern.compile("<([a-c])@");

    private final Path state;
    private final Path log;
    private final Set<String> killed = ConcurrentHashMap.newKeySet();

    private RabbitCluster(Path state, Path log) {
        this.state = state;
        this.log = log;
    }

    /** Starts the cluster, or says why it cannot (no RabbitMQ installed, ports taken). */
    public static Result start() {
        try {
            Path state = Files.createTempFile("rabbit-cluster", ".state");
            Files.delete(state);
            Path log = Path.of("target", "rabbit-cluster.log");
            Files.createDirectories(log.getParent());
            RabbitCluster cluster = new RabbitCluster(state, log);
            Run started = cluster.run(180, "start");
            return started.ok() ? new Result(cluster, "") : new Result(null, started.output());
        }
        catch (IOException ex) {
            return new Result(null, ex.toString());
        }
    }

    /** A started cluster, or why there is none. */
    public record Result(RabbitCluster cluster, String whyNot) {
    }

    /** Makes a virtual host on the cluster with the guest user's rights, as the test infrastructure does on the default node. */
    public void addVirtualHost(String name) {
        ctl("a", "add_vhost", name);
        ctl("a", "set_permissions", "-p", name, "guest", ".*", ".*", ".*");
    }

    /** The node leading a quorum queue: a, b or c. */
    public String leaderOf(String virtualHost, String queue, String askNode) {
        for (String line : ctl(askNode, "list_queues", "-q", "-p", virtualHost, "name", "leader").split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 2 && columns[0].equals(queue)) {
                return columns[1].substring(0, 1);
            }
        }
        throw new IllegalStateException("No leader found for " + queue + " in " + virtualHost);
    }

    /** The nodes the connections to a virtual host are on. */
    public List<String> connectionNodes(String virtualHost, String askNode) {
        List<String> nodes = new ArrayList<>();
        for (String line : ctl(askNode, "list_connections", "-q", "vhost", "pid").split("\n")) {
            Matcher node = NODE_IN_PID.matcher(line);
            if (line.trim().startsWith(virtualHost + "\t") && node.find()) {
                nodes.add(node.group(1));
            }
        }
        return nodes;
    }

    /** Kills a node's Erlang VM with SIGKILL: a crash, not a shutdown. */
    public void kill(String node) {
        require(run(60, "stop-node", node));
        killed.add(node);
    }

    /** Starts a killed node again and waits until it has rejoined. */
    public void restart(String node) {
        require(run(120, "start-node", node));
        killed.remove(node);
    }

    /** Starts again every node a test killed and left down (it failed before it brought them back), for the next test. */
    public void restartKilled() {
        List.copyOf(killed).forEach(this::restart);
    }

    /** True when every member of the queue is online again. */
    public boolean allMembersOnline(String virtualHost, String queue, String askNode) {
        String out = ctl(askNode, "list_queues", "-q", "-p", virtualHost, "name", "online");
        return out.lines().anyMatch(line -> line.startsWith(queue) && line.contains("a@") && line.contains("b@")
                && line.contains("c@"));
    }

    public String ctl(String node, String... arguments) {
        List<String> command = new ArrayList<>(List.of("ctl", node));
        command.addAll(List.of(arguments));
        return require(run(60, command.toArray(String[]::new)));
    }

    @Override
    public void close() {
        run(120, "stop");
    }

    private record Run(boolean ok, String output) {
    }

    private static String require(Run run) {
        if (!run.ok()) {
            throw new IllegalStateException("cluster.sh failed: " + run.output());
        }
        return run.output();
    }

    private Run run(int seconds, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", script().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("RABBIT_CLUSTER_STATE", state.toString());
        try {
            File output = Files.createTempFile("cluster", ".out").toFile();
            Process process = builder.redirectOutput(output).start();
            boolean exited = process.waitFor(seconds, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
            Files.writeString(log, "$ cluster.sh " + String.join(" ", arguments) + "\n" + text,
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            output.delete();
            return new Run(exited && process.exitValue() == 0, text);
        }
        catch (IOException ex) {
            return new Run(false, ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Run(false, "interrupted");
        }
    }

    private static Path script() {
        return Optional.of(Path.of("ops", "rabbit-cluster", "cluster.sh")).filter(Files::exists)
                .orElseThrow(() -> new IllegalStateException("ops/rabbit-cluster/cluster.sh is missing"));
    }
}
