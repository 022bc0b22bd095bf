package io.dispatch.callback;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.dispatch.CallbackReceiver;
import io.dispatch.CallbackReceiver.Answer;
import io.dispatch.CallbackReceiver.Received;
import io.dispatch.DispatchClient;
import io.dispatch.IntegrationTest;
import io.dispatch.ScriptedHostResolver;
import io.dispatch.TestClients;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery against a real receiver whose answers each test scripts. The test schedule is
 * {@code 0s, 200ms, 200ms, 2s}: four attempts, the longest step 2 s.
 */
@IntegrationTest
class CallbackDeliveryIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ScriptedHostResolver dns;

    DispatchClient api;
    CallbackReceiver receiver = CallbackReceiver.shared();

    @BeforeEach
    void setUp() {
        api = TestClients.create(port).api();
    }

    @Test
    void retriesUntilTheReceiverAnswers2xxWithTheSameWebhookId() {
        CallbackReceiver.Endpoint endpoint = receiver.endpoint(Answer.status(503), Answer.status(503),
                Answer.status(200));
        String ticketId = api.submitEchoTest(endpoint.url());

        JsonNode callback = api.awaitCallbackStatus(ticketId, "DELIVERED");

        assertThat(callback.get("attempts").asInt()).isEqualTo(3);
        assertThat(endpoint.received()).hasSize(3)
                .extracting(r -> r.header("webhook-id")).containsOnly(ticketId);
        JsonNode attempts = api.get("/api/v1/tickets/" + ticketId + "/attempts").json();
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).get("attempt").asInt()).isEqualTo(1);
        assertThat(attempts.get(0).get("statusCode").asInt()).isEqualTo(503);
        assertThat(attempts.get(0).get("outcome").asString()).isEqualTo("FAILED");
        assertThat(attempts.get(2).get("attempt").asInt()).isEqualTo(3);
        assertThat(attempts.get(2).get("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(attempts.get(2).get("durationMs").isNumber()).isTrue();
    }

    @Test
    void exhaustsAfterTheScheduleWhenTheReceiverAlwaysFails() {
        CallbackReceiver.Endpoint endpoint = receiver.endpoint(Answer.status(500));
        String ticketId = api.submitEchoTest(endpoint.url());

        JsonNode callback = api.awaitCallbackStatus(ticketId, "EXHAUSTED");

        assertThat(callback.get("attempts").asInt()).isEqualTo(4);
        assertThat(callback.get("nextAttemptAt").isNull()).isTrue();
        assertThat(endpoint.received()).hasSize(4);
    }

    @Test
    void showsRetryingWithTheNextAttemptTime() {
        CallbackReceiver.Endpoint endpoint = receiver.endpoint(Answer.status(500), Answer.status(500),
                Answer.status(500), Answer.status(200));
        String ticketId = api.submitEchoTest(endpoint.url());

        await().atMost(ofSeconds(10)).until(() -> api.ticket(ticketId).get("callback").get("attempts").asInt() == 3);
        JsonNode callback = api.ticket(ticketId).get("callback");

        assertThat(callback.get("status").asString()).isEqualTo("RETRYING");
        assertThat(callback.get("nextAttemptAt").asString()).isNotBlank();
        assertThat(callback.get("lastStatusCode").asInt()).isEqualTo(500);
        api.awaitCallbackStatus(ticketId, "DELIVERED");
    }

    @Test
    void honoursRetryAfterOnA429() {
        CallbackReceiver.Endpoint endpoint = receiver.endpoint(Answer.status(429).withHeader("Retry-After", "1"),
                Answer.status(200));
        String ticketId = api.submitEchoTest(endpoint.url());

        api.awaitCallbackStatus(ticketId, "DELIVERED");

        List<Received> received = endpoint.received();
        assertThat(Duration.between(received.get(0).at(), received.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void doesNotFollowARedirect() {
        CallbackReceiver.Endpoint target = receiver.endpoint();
        CallbackReceiver.Endpoint endpoint = receiver.endpoint(
                Answer.status(302).withHeader("Location", target.url()));
        String ticketId = api.submitEchoTest(endpoint.url());

        api.awaitCallbackStatus(ticketId, "EXHAUSTED");

        assertThat(target.received()).isEmpty();
        JsonNode first = api.get("/api/v1/tickets/" + ticketId + "/attempts").json().get(0);
        assertThat(first.get("statusCode").asInt()).isEqualTo(302);
        assertThat(first.get("error").asString()).contains("redirect");
    }

    @Test
    void failsAnAttemptThatTakesLongerThanTheTimeout() {
        CallbackReceiver.Endpoint endpoint = receiver.endpoint(Answer.slow(Duration.ofMillis(1500)), Answer.status(200));
        String ticketId = api.submitEchoTest(endpoint.url());

        api.awaitCallbackStatus(ticketId, "DELIVERED");

        JsonNode first = api.get("/api/v1/tickets/" + ticketId + "/attempts").json().get(0);
        assertThat(first.get("statusCode").isNull()).isTrue();
        assertThat(first.get("error").asString()).contains("timed out");
        assertThat(first.get("durationMs").asLong()).isBetween(900L, 1400L);
    }

    @Test
    void failsAnAttemptOnARefusedConnection() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String ticketId = api.submitEchoTest("http://127.0.0.1:" + closedPort + "/callback");

        api.awaitCallbackStatus(ticketId, "EXHAUSTED");

        JsonNode first = api.get("/api/v1/tickets/" + ticketId + "/attempts").json().get(0);
        assertThat(first.get("statusCode").isNull()).isTrue();
        assertThat(first.get("error").asString()).contains("refused");
    }

    @Test
    void stopsAtOnceWhenTheReceiverAnswers410Gone() {
        CallbackReceiver.Endpoint endpoint = receiver.endpoint(Answer.status(410));
        String ticketId = api.submitEchoTest(endpoint.url());

        JsonNode callback = api.awaitCallbackStatus(ticketId, "EXHAUSTED");

        assertThat(callback.get("attempts").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/tickets/" + ticketId + "/attempts").json().get(0).get("error").asString())
                .contains("410");
    }

    @Test
    void refusesAHostThatResolvesToLoopbackOnlyAtDeliveryTime() throws IOException {
        CallbackReceiver.Endpoint endpoint = receiver.endpoint();
        String host = "rebind-" + UUID.randomUUID() + ".test";
        // Judged, never dialled: a globally reachable address at submission, loopback after. (A
        // documentation address no longer passes: it is not globally reachable.)
        dns.script(host, InetAddress.getByName("93.184.215.14"), InetAddress.getLoopbackAddress());
        String ticketId = api.submitEchoTest(endpoint.url(host));

        api.awaitCallbackStatus(ticketId, "EXHAUSTED");

        assertThat(endpoint.received()).isEmpty();
        JsonNode first = api.get("/api/v1/tickets/" + ticketId + "/attempts").json().get(0);
        assertThat(first.get("statusCode").isNull()).isTrue();
        assertThat(first.get("error").asString()).contains("refused", "loopback");
    }

    @Test
    void redeliversAFinishedTicketWithAFreshBudgetAndTheSameWebhookId() {
        CallbackReceiver.Endpoint endpoint = receiver.endpoint(Answer.status(500), Answer.status(500),
                Answer.status(500), Answer.status(500), Answer.status(200));
        String ticketId = api.submitEchoTest(endpoint.url());
        api.awaitCallbackStatus(ticketId, "EXHAUSTED");

        DispatchClient.Response redelivery = api.post("/api/v1/tickets/" + ticketId + "/redeliver");

        assertThat(redelivery.status()).isEqualTo(202);
        JsonNode callback = api.awaitCallbackStatus(ticketId, "DELIVERED");
        assertThat(callback.get("attempts").asInt()).isEqualTo(5);
        assertThat(endpoint.received()).extracting(r -> r.header("webhook-id")).containsOnly(ticketId);
        JsonNode attempts = api.get("/api/v1/tickets/" + ticketId + "/attempts").json();
        assertThat(attempts).extracting(a -> a.get("attempt").asInt()).containsExactly(1, 2, 3, 4, 5);

        assertThat(api.post("/api/v1/tickets/" + ticketId + "/redeliver").status()).isEqualTo(202);
        await().atMost(ofSeconds(10)).until(() -> endpoint.received().size() == 6);
    }

    @Test
    void refusesToRedeliverUnknownTickets() {
        DispatchClient.Response response = api.post("/api/v1/tickets/" + UUID.randomUUID() + "/redeliver");

        assertThat(response.status()).isEqualTo(404);
    }
}
