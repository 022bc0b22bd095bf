package io.dispatch;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dispatch.CallbackReceiver.Received;
import io.dispatch.work.FlakyUseCase;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.standardwebhooks.Webhook;

import static io.dispatch.Signatures.headers;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/** A ticket's whole life: submission, a worker's run, the stored outcome, the signed callback. */
@IntegrationTest
class TicketLifecycleIntegrationTest {

    @LocalServerPort
    int port;

    TestClients.TestClient client;
    DispatchClient api;
    CallbackReceiver.Endpoint receiver;
    JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        client = TestClients.create(port);
        api = client.api();
        receiver = CallbackReceiver.shared().endpoint();
    }

    @Test
    void completesAnEchoTestAndDeliversASignedCallback() throws Exception {
        String requestId = "req-" + UUID.randomUUID();
        String ticketId = api.submit("echo-test", Map.of("request-id", requestId, "email", "test@example.com",
                "name", "Jan", "surname", "Kowalski", "callbackUrl", receiver.url())).json().get("ticketId").asString();

        await().atMost(ofSeconds(10)).until(() -> "DELIVERED".equals(
                api.ticket(ticketId).get("callback").get("status").asString()));

        JsonNode ticket = api.ticket(ticketId);
        assertThat(ticket.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(ticket.get("requestId").asString()).isEqualTo(requestId);
        assertThat(ticket.get("clientId").asString()).isEqualTo(client.clientId());
        assertThat(ticket.get("result")).isEqualTo(json.readTree(
                "{\"email\":\"test@example.com\",\"name\":\"Jan\",\"surname\":\"Kowalski\"}"));
        assertThat(ticket.get("error").isNull()).isTrue();
        assertThat(ticket.get("createdAt").asString()).isNotBlank();
        JsonNode callback = ticket.get("callback");
        assertThat(callback.get("url").asString()).isEqualTo(receiver.url());
        assertThat(callback.get("attempts").asInt()).isEqualTo(1);
        assertThat(callback.get("lastStatusCode").asInt()).isEqualTo(200);
        assertThat(callback.get("nextAttemptAt").isNull()).isTrue();

        List<Received> received = receiver.received();
        assertThat(received).hasSize(1);
        Received delivered = received.get(0);
        assertThat(delivered.header("webhook-id")).isEqualTo(ticketId);
        assertThat(delivered.header("content-type")).startsWith("application/json");
        assertThat(delivered.header("user-agent")).startsWith("Dispatch/");
        JsonNode event = json.readTree(delivered.body());
        assertThat(event.get("type").asString()).isEqualTo("echo-test.completed");
        assertThat(event.get("timestamp").asString()).isNotBlank();
        assertThat(event.get("data").get("ticketId").asString()).isEqualTo(ticketId);
        assertThat(event.get("data").get("requestId").asString()).isEqualTo(requestId);
        assertThat(event.get("data").get("status").asString()).isEqualTo("COMPLETED");
        assertThat(event.get("data").get("result")).isEqualTo(ticket.get("result"));
        assertThat(event.get("data").get("error").isNull()).isTrue();
    }

    @Test
    void signsTheCallbackWithTheClientsOwnSecret() {
        String ticketId = submitEcho();
        await().atMost(ofSeconds(10)).until(() -> !receiver.received().isEmpty());
        Received delivered = receiver.received().get(0);

        assertThat(delivered.header("webhook-signature").split(" ")).hasSize(1).allMatch(s -> s.startsWith("v1,"));
        assertThatCode(() -> new Webhook(client.webhookSecret()).verify(delivered.body(), headers(delivered)))
                .doesNotThrowAnyException();
        assertThatCode(() -> new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString(
                "some-other-secret-of-24-bytes".getBytes())).verify(delivered.body(), headers(delivered)))
                .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
        assertThat(delivered.header("webhook-id")).isEqualTo(ticketId);
    }

    @Test
    void failsATicketWhoseUseCaseThrowsAndSaysWhy() {
        String ticketId = api.submit("always-fails", Map.of("request-id", "req-" + UUID.randomUUID(),
                "reason", "the printer is on fire", "callbackUrl", receiver.url())).json().get("ticketId").asString();

        await().atMost(ofSeconds(10)).until(() -> !receiver.received().isEmpty());

        JsonNode ticket = api.ticket(ticketId);
        assertThat(ticket.get("status").asString()).isEqualTo("FAILED");
        assertThat(ticket.get("error").asString()).isEqualTo("the printer is on fire");
        assertThat(ticket.get("result").isNull()).isTrue();
        JsonNode event = json.readTree(receiver.received().get(0).body());
        assertThat(event.get("type").asString()).isEqualTo("always-fails.failed");
        assertThat(event.get("data").get("status").asString()).isEqualTo("FAILED");
        assertThat(event.get("data").get("result").isNull()).isTrue();
        assertThat(event.get("data").get("error").asString()).isEqualTo("the printer is on fire");
    }

    @Test
    void keepsTheMessageOfAnUnexpectedExceptionOutOfTheTicket() {
        String ticketId = api.submit("always-fails", Map.of("request-id", "req-" + UUID.randomUUID(),
                "reason", "jdbc:postgresql://10.0.0.7/secrets", "unexpected", true, "callbackUrl", receiver.url()))
                .json().get("ticketId").asString();

        await().atMost(ofSeconds(10)).until(() -> !receiver.received().isEmpty());

        JsonNode ticket = api.ticket(ticketId);
        assertThat(ticket.get("status").asString()).isEqualTo("FAILED");
        assertThat(ticket.get("error").asString())
                .isEqualTo("the use case failed unexpectedly; the service's log has the details");
        assertThat(receiver.received().get(0).body()).doesNotContain("10.0.0.7");
    }

    @Test
    void retriesATransientUseCaseFailureThenCompletes() {
        String key = UUID.randomUUID().toString();
        String ticketId = submitFlaky(key, 2);

        await().atMost(ofSeconds(10)).until(() -> "COMPLETED".equals(api.ticket(ticketId).get("status").asString()));

        assertThat(FlakyUseCase.runs(key)).isEqualTo(3);
        assertThat(api.ticket(ticketId).get("result").get("runs").asInt()).isEqualTo(3);
    }

    @Test
    void failsAUseCaseThatKeepsFailingTransientlyAfterBoundedRetries() {
        String key = UUID.randomUUID().toString();
        String ticketId = submitFlaky(key, 100);

        await().atMost(ofSeconds(10)).until(() -> "FAILED".equals(api.ticket(ticketId).get("status").asString()));

        assertThat(FlakyUseCase.runs(key)).isEqualTo(3);
        assertThat(api.ticket(ticketId).get("error").asString()).contains("gave up after 3 attempts");
    }

    private String submitEcho() {
        return api.submit("echo-test", Map.of("request-id", "req-" + UUID.randomUUID(), "email", "a@example.com",
                "name", "A", "surname", "B", "callbackUrl", receiver.url())).json().get("ticketId").asString();
    }

    private String submitFlaky(String key, int failures) {
        return api.submit("flaky", Map.of("request-id", "req-" + key, "key", key, "failures", failures,
                "callbackUrl", receiver.url())).json().get("ticketId").asString();
    }
}
