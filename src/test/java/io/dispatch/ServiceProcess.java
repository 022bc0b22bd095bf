package io.dispatch;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Dispatch as a separate JVM process, the way it runs in production, so that a test can kill it
 * ({@code SIGKILL}), stop it ({@code SIGTERM}) or run several. It runs the test classpath with the
 * {@code test} profile against an {@link TestInfrastructure.Isolated} environment; its log goes to
 * {@code target/service-logs}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Process process;
    private final int port;
    private final File log;

    private ServiceProcess(Process process, int port, File log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static ServiceProcess start(TestInfrastructure.Isolated environment, String... settings) {
        return start(environment, List.of(), settings);
    }

    /** Starts a process with options for its JVM as well ({@code -D...}), which a setting cannot give. */
    public static ServiceProcess start(TestInfrastructure.Isolated environment, List<String> jvmOptions,
            String... settings) {
        ServiceProcess service = launch(environment, jvmOptions, settings);
        service.awaitReady();
        return service;
    }

    /**
     * Starts a process that is expected to refuse to start, and returns what it logged once it exited.
     */
    public static String startExpectingRefusal(TestInfrastructure.Isolated environment, String... settings) {
        return startExpectingRefusal(environment, List.of(), settings);
    }

    public static String startExpectingRefusal(TestInfrastructure.Isolated environment, List<String> jvmOptions,
            String... settings) {
        ServiceProcess service = launch(environment, jvmOptions, settings);
        service.waitForExit(Duration.ofSeconds(90));
        return service.log();
    }

    /** What the process has logged so far. */
    public String log() {
        try {
            return Files.readString(log.toPath());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static ServiceProcess launch(TestInfrastructure.Isolated environment, List<String> jvmOptions,
            String... settings) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DispatchApplication.class.getName(),
                "--spring.profiles.active=test",
                "--server.port=" + port,
                "--spring.datasource.url=" + environment.jdbcUrl(),
                "--spring.datasource.username=" + environment.user(),
                "--spring.datasource.password=" + environment.password(),
                "--spring.rabbitmq.host=127.0.0.1",
                "--spring.rabbitmq.port=" + environment.rabbitProxy().port(),
                "--spring.rabbitmq.virtual-host=" + environment.virtualHost()));
        command.addAll(List.of(settings));
        File logs = new File("target/service-logs");
        logs.mkdirs();
        File log = new File(logs, environment.database() + "-" + COUNT.incrementAndGet() + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log)).start();
            return new ServiceProcess(process, port, log);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot start a Dispatch process", ex);
        }
    }

    /** The API with a client's key. */
    public DispatchClient api(String key) {
        return new DispatchClient(port, key);
    }

    /** The API with the test admin key. */
    public DispatchClient admin() {
        return TestClients.admin(port);
    }

    /** The API without a key. */
    public DispatchClient anonymous() {
        return new DispatchClient(port);
    }

    /** Kills the process at once, as a crash or an OOM killer would: no shutdown hooks run. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** Asks the process to stop ({@code SIGTERM}) and returns how long it took to exit. */
    public Duration terminate(Duration atMost) {
        long start = System.nanoTime();
        process.destroy();
        waitForExit(atMost);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitCode() {
        return process.exitValue();
    }

    private void waitForExit(Duration atMost) {
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Dispatch process did not exit within " + atMost + "; see " + log);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        await("Dispatch process ready (log: " + log + ")").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .failFast("Dispatch process exited; see " + log, () -> !process.isAlive())
                .ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(readiness).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
