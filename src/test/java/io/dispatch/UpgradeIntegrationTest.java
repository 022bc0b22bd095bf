package io.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import tools.jackson.databind.JsonNode;

import com.standardwebhooks.Webhook;

import static io.dispatch.Signatures.headers;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * An upgrade from 0.1 loses nothing: a database with 0.1's schema and a finished ticket, started
 * with 0.2, keeps the ticket under a client named {@code default}, which signs with the secret 0.1
 * signed with, so the receivers of 0.1 keep verifying.
 */
class UpgradeIntegrationTest {

    private static final String SECRET_OF_0_1 = "whsec_ZGlzcGF0Y2gtMC4xLXNpZ25lZC13aXRoLXRoaXM=";

    private final List<ServiceProcess> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(ServiceProcess::close);
    }

    @Test
    void movesTheTicketsOf01ToTheDefaultClientWhichKeepsTheOldSecret() {
        TestInfrastructure.Isolated environment = TestInfrastructure.get().isolated("upgrade");
        CallbackReceiver.Endpoint receiver = CallbackReceiver.shared().endpoint();
        DriverManagerDataSource database = new DriverManagerDataSource(environment.directJdbcUrl(), environment.user(),
                environment.password());
        Flyway.configure().dataSource(database).target("2").load().migrate();
        UUID ticketId = UUID.randomUUID();
        insertFinishedTicketOf01(JdbcClient.create(database), ticketId, receiver.url());

        ServiceProcess service = ServiceProcess.start(environment, "--dispatch.webhook.secret=" + SECRET_OF_0_1);
        processes.add(service);

        JsonNode clients = service.admin().get("/api/v1/clients").json();
        assertThat(clients).extracting(c -> c.get("name").asString()).contains("default");
        String defaultId = clients.valueStream().filter(c -> c.get("name").asString().equals("default"))
                .findFirst().orElseThrow().get("clientId").asString();
        String key = service.admin().post("/api/v1/clients/" + defaultId + "/keys").json().get("key").asString();
        DispatchClient api = service.api(key);
        JsonNode ticket = api.ticket(ticketId.toString());
        assertThat(ticket.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(ticket.get("clientId").asString()).isEqualTo(defaultId);
        assertThat(ticket.get("callback").get("status").asString()).isEqualTo("DELIVERED");

        assertThat(api.post("/api/v1/tickets/" + ticketId + "/redeliver").status()).isEqualTo(202);

        await().atMost(ofSeconds(20)).until(() -> receiver.received().size() == 1);
        CallbackReceiver.Received callback = receiver.received().get(0);
        assertThat(callback.header("webhook-id")).isEqualTo(ticketId.toString());
        assertThatCode(() -> new Webhook(SECRET_OF_0_1).verify(callback.body(), headers(callback)))
                .doesNotThrowAnyException();
    }

    /** A ticket as 0.1 left it: completed, its callback delivered once. */
    private static void insertFinishedTicketOf01(JdbcClient jdbc, UUID id, String callbackUrl) {
        jdbc.sql("""
                INSERT INTO tickets (id, type, request_id, payload, payload_hash, callback_url, status, result,
                                     run_count, version, created_at, updated_at, published_at, claimed_at)
                VALUES (:id, 'echo-test', '12345', '{"email":"a@example.com","name":"A","surname":"B"}', 'x', :url,
                        'COMPLETED', '{"email":"a@example.com","name":"A","surname":"B"}', 1, 2, now(), now(), now(),
                        now())""").param("id", id).param("url", callbackUrl).update();
        jdbc.sql("""
                INSERT INTO callback_deliveries (ticket_id, url, body, status, attempts, budget_start, last_attempt_at,
                                                 last_status_code, created_at, updated_at, submitted_at)
                VALUES (:id, :url, :body, 'DELIVERED', 1, 0, now(), 200, now(), now(), now())""")
                .param("id", id).param("url", callbackUrl)
                .param("body", "{\"type\":\"echo-test.completed\",\"data\":{\"ticketId\":\"" + id + "\"}}")
                .update();
        jdbc.sql("INSERT INTO callback_attempts (ticket_id, attempt, attempted_at, status_code, duration_ms, outcome) "
                + "VALUES (:id, 1, now(), 200, 5, 'SUCCEEDED')").param("id", id).update();
    }
}
