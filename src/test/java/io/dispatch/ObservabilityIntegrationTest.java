package io.dispatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an operator sees: metrics that move, one trace from submission to callback, logs that name the ticket. */
@IntegrationTest
class ObservabilityIntegrationTest {

    @LocalServerPort
    int port;

    DispatchClient api;
    CallbackReceiver.Endpoint receiver;
    ListAppender<ILoggingEvent> workerLog = new ListAppender<>();

    @BeforeEach
    void setUp() {
        api = TestClients.create(port).api();
        receiver = CallbackReceiver.shared().endpoint();
        workerLog.start();
        // A ticket's own lines are DEBUG: an operator turns them on for the worker when needed.
        worker().setLevel(Level.DEBUG);
        worker().addAppender(workerLog);
    }

    @AfterEach
    void detach() {
        worker().detachAppender(workerLog);
        worker().setLevel(null);
    }

    private static Logger worker() {
        return (Logger) LoggerFactory.getLogger("io.dispatch.work.TaskListener");
    }

    @Test
    void countsRunsAttemptsAndSubmissionsInPrometheus() {
        double runsBefore = scrape("dispatch_usecase_runs_seconds_count", "outcome=\"completed\"", "type=\"echo-test\"");
        double attemptsBefore = scrape("dispatch_callback_attempts_seconds_count", "outcome=\"succeeded\"",
                "status=\"2xx\"");
        double acceptedBefore = scrape("dispatch_tickets_submitted_total", "result=\"accepted\"", "type=\"echo-test\"");

        submitEcho(Map.of());
        await().atMost(ofSeconds(10)).until(() -> receiver.received().size() == 1);

        await().atMost(ofSeconds(5)).untilAsserted(() -> {
            assertThat(scrape("dispatch_usecase_runs_seconds_count", "outcome=\"completed\"", "type=\"echo-test\""))
                    .isEqualTo(runsBefore + 1);
            assertThat(scrape("dispatch_callback_attempts_seconds_count", "outcome=\"succeeded\"", "status=\"2xx\""))
                    .isEqualTo(attemptsBefore + 1);
            assertThat(scrape("dispatch_tickets_submitted_total", "result=\"accepted\"", "type=\"echo-test\""))
                    .isEqualTo(acceptedBefore + 1);
        });
        String metrics = api.get("/actuator/prometheus").body();
        assertThat(metrics).contains("dispatch_callback_delivery_lag_seconds_bucket", "dispatch_outbox_backlog",
                "dispatch_outbox_oldest_age_seconds", "dispatch_tickets_open{", "dispatch_callbacks_waiting{");
    }

    @Test
    void servesEveryMetricTheProvisionedDashboardQueries() throws IOException {
        submitEcho(Map.of());
        api.post("/api/v1/tasks/echo-test", "text/plain", "x");
        await().atMost(ofSeconds(10)).until(() -> receiver.received().size() == 1);
        Set<String> queried = new TreeSet<>();
        Matcher names = Pattern.compile("dispatch_[a-z_]+").matcher(
                Files.readString(Path.of("ops/grafana/dashboards/dispatch.json")));
        while (names.find()) {
            queried.add(names.group());
        }

        assertThat(queried).hasSizeGreaterThan(5);
        await().atMost(ofSeconds(5)).untilAsserted(() -> {
            String scrape = api.get("/actuator/prometheus").body();
            assertThat(queried).allSatisfy(metric -> assertThat(scrape).contains(metric));
        });
    }

    @Test
    void countsRejectedSubmissionsByReason() {
        double before = scrape("dispatch_tickets_rejected_total", "reason=\"unsupported-media-type\"");

        api.post("/api/v1/tasks/echo-test", "text/plain", "x");

        assertThat(scrape("dispatch_tickets_rejected_total", "reason=\"unsupported-media-type\"")).isEqualTo(before + 1);
    }

    @Test
    void carriesTheSubmissionsTraceIntoTheCallback() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String ticketId = submitEcho(Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

        await().atMost(ofSeconds(10)).until(() -> receiver.received().size() == 1);

        String callbackTrace = receiver.received().get(0).header("traceparent");
        assertThat(callbackTrace).startsWith("00-" + traceId + "-");
        assertThat(receiver.received().get(0).header("webhook-id")).isEqualTo(ticketId);
    }

    @Test
    void logsEveryWorkerLineOfATicketWithItsIdsAndTrace() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String ticketId = submitEcho(Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        await().atMost(ofSeconds(10)).until(() -> receiver.received().size() == 1);

        List<ILoggingEvent> lines = workerLog.list.stream()
                .filter(e -> ticketId.equals(e.getMDCPropertyMap().get("ticketId"))).toList();

        assertThat(lines).isNotEmpty().anySatisfy(line -> {
            assertThat(line.getFormattedMessage()).contains("completed");
            assertThat(line.getMDCPropertyMap()).containsKey("requestId").containsEntry("traceId", traceId);
        });
    }

    @Test
    void reportsDatabaseAndBrokerInReadinessAndTheOutboxInHealth() {
        JsonNode readiness = api.get("/actuator/health/readiness").json();
        JsonNode health = api.get("/actuator/health").json();

        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        assertThat(readiness.get("components").propertyNames()).contains("db", "rabbit");
        assertThat(health.get("components").get("outbox").get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/info").json().get("build").get("version").asString())
                .matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
    }

    private String submitEcho(Map<String, String> headers) {
        return api.submit("echo-test", Map.of("request-id", "req-" + UUID.randomUUID(), "email", "a@example.com",
                "name", "A", "surname", "B", "callbackUrl", receiver.url()), headers).json().get("ticketId").asString();
    }

    /** The value of one series in the Prometheus scrape, 0 when it does not exist yet. */
    private double scrape(String name, String... labels) {
        Pattern line = Pattern.compile("^" + name + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(api.get("/actuator/prometheus").body());
        double total = 0;
        while (matcher.find()) {
            String found = matcher.group(1);
            if (List.of(labels).stream().allMatch(found::contains)) {
                total += Double.parseDouble(matcher.group(2));
            }
        }
        return total;
    }
}
