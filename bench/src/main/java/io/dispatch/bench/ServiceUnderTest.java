package io.dispatch.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The Dispatch jar, started as production would start it, with the benchmark profile and an admin
 * key and encryption key made for this run.
 */
final class ServiceUnderTest implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Process process;
    private final int port;
    private final Duration readyAfter;
    private final String adminKey;

    private ServiceUnderTest(Process process, int port, Duration readyAfter, String adminKey) {
        this.process = process;
        this.port = port;
        this.readyAfter = readyAfter;
        this.adminKey = adminKey;
    }

    static ServiceUnderTest start(String java, List<String> jvmOptions, String jar, String database, String vhost,
            File log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String adminKey = "bench-admin-" + random(24);
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar, "--spring.profiles.active=bench", "--server.port=" + port,
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + database,
                "--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.virtual-host=" + vhost,
                "--dispatch.security.admin-keys=" + adminKey, "--dispatch.security.encryption-key=" + random(32)));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log)).start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Dispatch exited while starting; see " + log);
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new ServiceUnderTest(process, port, Duration.ofNanos(System.nanoTime() - start), adminKey);
                }
            }
            catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(20);
        }
    }

    int port() {
        return port;
    }

    String adminKey() {
        return adminKey;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    long pid() {
        return process.pid();
    }

    Duration readyAfter() {
        return readyAfter;
    }

    /** Resident memory of the process now, from /proc, in MiB. */
    long residentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
