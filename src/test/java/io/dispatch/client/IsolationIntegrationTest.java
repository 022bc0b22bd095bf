package io.dispatch.client;

import java.util.Map;
import java.util.UUID;

import io.dispatch.CallbackReceiver;
import io.dispatch.CallbackReceiver.Received;
import io.dispatch.DispatchClient;
import io.dispatch.DispatchClient.Response;
import io.dispatch.IntegrationTest;
import io.dispatch.TestClients;
import io.dispatch.TestClients.TestClient;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import static io.dispatch.Signatures.headers;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** docs/api.md §4: one client never reads, redelivers or receives another client's tickets, results or secrets. */
@IntegrationTest
class IsolationIntegrationTest {

    @LocalServerPort
    int port;

    TestClient a;
    TestClient b;
    CallbackReceiver.Endpoint receiverOfA;

    @BeforeEach
    void twoClients() {
        a = TestClients.create(port);
        b = TestClients.create(port);
        receiverOfA = CallbackReceiver.shared().endpoint();
    }

    @Test
    void anotherClientsTicketIsNotFoundExactlyLikeAnUnknownOne() {
        String requestId = "req-" + UUID.randomUUID();
        String ticketId = submit(a.api(), requestId, receiverOfA.url());
        await().atMost(ofSeconds(10)).until(() -> "DELIVERED".equals(
                a.api().ticket(ticketId).get("callback").get("status").asString()));

        Response unknown = b.api().get("/api/v1/tickets/" + UUID.randomUUID());
        for (Response foreign : new Response[] { b.api().get("/api/v1/tickets/" + ticketId),
                b.api().get("/api/v1/tickets/" + ticketId + "/attempts"),
                b.api().post("/api/v1/tickets/" + ticketId + "/redeliver") }) {
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.json().get("type")).isEqualTo(unknown.json().get("type"));
            assertThat(foreign.body()).doesNotContain(requestId, "test@example.com");
        }
        assertThat(b.api().get("/api/v1/tickets?requestId=" + requestId).json()).isEmpty();
        assertThat(a.api().get("/api/v1/tickets?requestId=" + requestId).json()).hasSize(1);
        assertThat(receiverOfA.received()).as("B's redeliver sent nothing").hasSize(1);
    }

    @Test
    void theSameRequestIdFromTwoClientsMakesTwoTicketsEachSignedWithItsOwnSecret() {
        String requestId = "req-" + UUID.randomUUID();
        CallbackReceiver.Endpoint receiverOfB = CallbackReceiver.shared().endpoint();

        String ofA = submit(a.api(), requestId, receiverOfA.url());
        String ofB = submit(b.api(), requestId, receiverOfB.url());

        assertThat(ofA).isNotEqualTo(ofB);
        assertThat(a.api().ticket(ofA).get("clientId").asString()).isEqualTo(a.clientId());
        assertThat(b.api().ticket(ofB).get("clientId").asString()).isEqualTo(b.clientId());
        await().atMost(ofSeconds(10)).until(() -> receiverOfA.received().size() == 1
                && receiverOfB.received().size() == 1);
        Received callbackOfA = receiverOfA.received().get(0);
        assertThatCode(() -> new Webhook(a.webhookSecret()).verify(callbackOfA.body(), headers(callbackOfA)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(b.webhookSecret()).verify(callbackOfA.body(), headers(callbackOfA)))
                .isInstanceOf(WebhookVerificationException.class);
        Received callbackOfB = receiverOfB.received().get(0);
        assertThatCode(() -> new Webhook(b.webhookSecret()).verify(callbackOfB.body(), headers(callbackOfB)))
                .doesNotThrowAnyException();
    }

    @Test
    void anOperatorReadsEveryClientsTicketsButCannotSubmit() {
        DispatchClient admin = TestClients.admin(port);
        String requestId = "req-" + UUID.randomUUID();
        String ofA = submit(a.api(), requestId, receiverOfA.url());
        submit(b.api(), requestId, receiverOfA.url());

        JsonNode ticket = admin.ticket(ofA);
        assertThat(ticket.get("clientId").asString()).isEqualTo(a.clientId());
        assertThat(admin.get("/api/v1/tickets?requestId=" + requestId).json()).hasSize(2);
        Response submitted = admin.submit("echo-test", echo(requestId, receiverOfA.url()));
        assertThat(submitted.status()).isEqualTo(403);
        assertThat(submitted.json().get("type").asString()).isEqualTo("urn:dispatch:problem:forbidden");
    }

    @Test
    void aClientSeesOnlyItselfAmongTheClients() {
        assertThat(a.api().get("/api/v1/clients/me").json().get("clientId").asString()).isEqualTo(a.clientId());
        assertThat(a.api().get("/api/v1/clients/" + a.clientId()).json().get("name").asString()).isEqualTo(a.name());
        assertThat(a.api().get("/api/v1/clients/" + b.clientId()).status()).isEqualTo(404);
        assertThat(a.api().get("/api/v1/clients/" + b.clientId() + "/webhook-secrets").status()).isEqualTo(404);
        assertThat(a.api().post("/api/v1/clients/" + b.clientId() + "/webhook-secrets").status()).isEqualTo(404);
        assertThat(a.api().get("/api/v1/clients/me/webhook-secrets").json().get(0).get("secret").asString())
                .isEqualTo(a.webhookSecret());
        for (Response operatorOnly : new Response[] { a.api().get("/api/v1/clients"),
                a.api().postJson("/api/v1/clients", Map.of("name", "x" + UUID.randomUUID().toString().substring(0, 8))),
                a.api().post("/api/v1/clients/me/keys"),
                a.api().delete("/api/v1/clients/me/keys/" + a.keyId()) }) {
            assertThat(operatorOnly.status()).isEqualTo(403);
            assertThat(operatorOnly.header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    static String submit(DispatchClient api, String requestId, String callbackUrl) {
        Response response = api.submit("echo-test", echo(requestId, callbackUrl));
        assertThat(response.status()).isEqualTo(202);
        return response.json().get("ticketId").asString();
    }

    static Map<String, String> echo(String requestId, String callbackUrl) {
        return Map.of("request-id", requestId, "email", "test@example.com", "name", "Jan", "surname", "Kowalski",
                "callbackUrl", callbackUrl);
    }
}
