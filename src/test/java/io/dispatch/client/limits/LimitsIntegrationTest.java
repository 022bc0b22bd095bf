package io.dispatch.client.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dispatch.CallbackReceiver;
import io.dispatch.CallbackReceiver.Answer;
import io.dispatch.DispatchClient;
import io.dispatch.DispatchClient.Response;
import io.dispatch.IntegrationTest;
import io.dispatch.TestClients;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Section 9 of docs/api.md: the limits API, the submission rate and the open-ticket quota, on the real servers. */
@IntegrationTest
class LimitsIntegrationTest {

    @LocalServerPort
    int port;

    DispatchClient admin;
    TestClients.TestClient client;
    CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void setUp() {
        admin = TestClients.admin(port);
        client = TestClients.create(port);
    }

    @AfterEach
    void releaseHeldCallbacks() {
        release.countDown();
    }

    @Test
    void aClientReadsItsLimitsAndAnOperatorChangesThem() {
        JsonNode defaults = client.api().get("/api/v1/clients/me/limits").json();
        assertThat(defaults.get("maxOpenTickets").asInt()).isEqualTo(100000);
        assertThat(defaults.get("parallelCallbacks").asInt()).isEqualTo(8);

        Response changed = admin.put(limitsPath(), "{\"maxOpenTickets\": 50, \"parallelCallbacks\": 3}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("maxOpenTickets").asInt()).isEqualTo(50);
        assertThat(changed.json().get("parallelCallbacks").asInt()).isEqualTo(3);
        assertThat(changed.json().get("submissionBurst").asInt()).isEqualTo(defaults.get("submissionBurst").asInt());

        // Omitted keeps, null returns to the default.
        JsonNode reset = admin.put(limitsPath(), "{\"maxOpenTickets\": null}").json();
        assertThat(reset.get("maxOpenTickets").asInt()).isEqualTo(100000);
        assertThat(reset.get("parallelCallbacks").asInt()).isEqualTo(3);
        assertThat(client.api().get("/api/v1/clients/" + client.clientId() + "/limits").json()).isEqualTo(reset);
    }

    @Test
    void refusesValuesOutOfRangeNamingEachField() {
        Response refused = admin.put(limitsPath(),
                "{\"parallelCallbacks\": 257, \"submissionBurst\": 0, \"maxOpenTickets\": \"many\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(refused.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("maxOpenTickets", "parallelCallbacks", "submissionBurst");
        assertThat(client.api().get("/api/v1/clients/me/limits").json().get("parallelCallbacks").asInt()).isEqualTo(8);
    }

    @Test
    void onlyOperatorsChangeLimitsAndAClientSeesOnlyItsOwn() {
        TestClients.TestClient other = TestClients.create(port);

        assertThat(client.api().put("/api/v1/clients/me/limits", "{\"maxOpenTickets\": 5}").status()).isEqualTo(403);
        assertThat(client.api().get("/api/v1/clients/" + other.clientId() + "/limits").status()).isEqualTo(404);
        assertThat(admin.put("/api/v1/clients/" + UUID.randomUUID() + "/limits", "{}").status()).isEqualTo(404);
    }

    @Test
    void overTheRateASubmissionIsRefusedWithTheHeadersOfTheDraft() {
        admin.put(limitsPath(), "{\"submissionsPerSecond\": 1, \"submissionBurst\": 3}");
        CallbackReceiver.Endpoint receiver = CallbackReceiver.shared().endpoint();

        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(client.api().submit("echo-test", echo(receiver.url())));
        }

        assertThat(answers.subList(0, 3)).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(202));
        assertThat(answers.get(0).header("RateLimit-Policy")).contains("\"submissions\";q=3;w=3");
        assertThat(answers.get(0).header("RateLimit")).hasValueSatisfying(value -> assertThat(value)
                .matches("\"submissions\";r=2;t=[1-3]"));
        Response refused = answers.get(3);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("type").asString()).endsWith("/rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 1L);
        assertThat(refused.header("RateLimit")).hasValueSatisfying(value -> assertThat(value)
                .startsWith("\"submissions\";r=0;"));
        assertThat(refused.header("RateLimit-Policy")).contains("\"submissions\";q=3;w=3");
        // Nothing was stored for the refused request.
        assertThat(client.api().get("/api/v1/tickets?limit=200").json().size()).isEqualTo(3);

        // A redelivery draws from the same bucket: once submissions have emptied it, it is refused too.
        String ticketId = answers.get(0).json().get("ticketId").asString();
        client.api().awaitCallbackStatus(ticketId, "DELIVERED");
        await().atMost(ofSeconds(10)).until(() -> client.api().submit("echo-test", echo(receiver.url())).status() == 429);
        Response redelivery = client.api().post("/api/v1/tickets/" + ticketId + "/redeliver");
        assertThat(redelivery.status()).isEqualTo(429);
        assertThat(redelivery.json().get("type").asString()).endsWith("/rate-limited");
    }

    @Test
    void atTheOpenTicketLimitASubmissionIsRefusedButAReplayIsAnswered() {
        admin.put(limitsPath(), "{\"maxOpenTickets\": 2}");
        CallbackReceiver.Endpoint held = CallbackReceiver.shared().endpoint(Answer.heldUntil(release));
        Map<String, Object> first = echo(held.url());
        Response accepted = client.api().submit("echo-test", first);
        client.api().submit("echo-test", echo(held.url()));

        Response refused = client.api().submit("echo-test", echo(held.url()));
        Response replay = client.api().submit("echo-test", first);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("type").asString()).endsWith("/too-many-open-tickets");
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isGreaterThanOrEqualTo(1);
        assertThat(refused.header("RateLimit")).isPresent();
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.json().get("ticketId")).isEqualTo(accepted.json().get("ticketId"));

        // Once the callbacks are delivered the tickets have ended, and the client may open more.
        release.countDown();
        await().atMost(ofSeconds(15)).until(() -> client.api().submit("echo-test", echo(held.url())).status() == 202);
    }

    @Test
    void aNewClientsFirstSubmissionsAtOnceAreAllAnswered() throws Exception {
        CallbackReceiver.Endpoint receiver = CallbackReceiver.shared().endpoint();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(senders.submit(() -> client.api().submit("echo-test", echo(receiver.url()))));
            }
            // The bucket is made by the first of them, whichever it is; none fails for its lack.
            assertThat(answers).allSatisfy(answer -> assertThat(DispatchClient.join(answer).status()).isEqualTo(202));
        }
        finally {
            senders.shutdown();
        }
    }

    @Test
    void countsEachClientsOpenTicketsRefusalsAndCallbacksInFlightInItsMetrics() {
        admin.put(limitsPath(), "{\"maxOpenTickets\": 1}");
        CallbackReceiver.Endpoint held = CallbackReceiver.shared().endpoint(Answer.heldUntil(release));
        client.api().submit("echo-test", echo(held.url()));
        assertThat(client.api().submit("echo-test", echo(held.url())).status()).isEqualTo(429);
        DispatchClient metrics = new DispatchClient(port);

        String tagged = "\\{[^}]*client=\"" + client.name() + "\"[^}]*\\} ";
        await().atMost(ofSeconds(10)).untilAsserted(() -> assertThat(metrics.get("/actuator/prometheus").body())
                .containsPattern("dispatch_client_open_tickets" + tagged + "1\\.0")
                .containsPattern("dispatch_client_callbacks_in_flight" + tagged + "1\\.0")
                .containsPattern("dispatch_client_refused_total\\{[^}]*client=\"" + client.name()
                        + "\",limit=\"open-tickets\"[^}]*\\} 1\\.0"));
    }

    private String limitsPath() {
        return "/api/v1/clients/" + client.clientId() + "/limits";
    }

    private static Map<String, Object> echo(String callbackUrl) {
        return Map.of("request-id", "req-" + UUID.randomUUID(), "email", "a@example.com", "name", "A",
                "surname", "B", "callbackUrl", callbackUrl);
    }
}
