package io.dispatch.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import io.dispatch.CallbackReceiver;
import io.dispatch.DispatchClient;
import io.dispatch.IntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox health turns DOWN while a ticket has waited too long for its task to be published. */
@IntegrationTest
class OutboxHealthIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TicketGauges gauges;

    @Test
    void reportsAStuckOutboxAndRecoversOnceItIsPublished() {
        CallbackReceiver.Endpoint receiver = CallbackReceiver.shared().endpoint();
        UUID id = UUID.randomUUID();
        Timestamp anHourAgo = Timestamp.from(Instant.now().minusSeconds(3600));
        // A ticket accepted an hour ago whose task was never confirmed, as a long broker outage leaves it.
        jdbc.sql("""
                INSERT INTO tickets (id, type, request_id, payload, payload_hash, callback_url, status, run_count,
                                     version, created_at, updated_at)
                VALUES (:id, 'echo-test', :requestId, '{"email":"a@example.com","name":"A","surname":"B"}', 'x',
                        :url, 'ACCEPTED', 0, 0, :at, :at)""")
                .param("id", id).param("requestId", "req-" + id).param("url", receiver.url()).param("at", anHourAgo)
                .update();
        gauges.refresh();

        DispatchClient api = new DispatchClient(port);
        JsonNode outbox = api.get("/actuator/health").json().get("components").get("outbox");
        assertThat(outbox.get("status").asString()).isEqualTo("DOWN");
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);

        await().atMost(ofSeconds(15)).until(() -> receiver.received().size() == 1);
        await().atMost(ofSeconds(5)).untilAsserted(() -> {
            gauges.refresh();
            assertThat(api.get("/actuator/health").json().get("components").get("outbox").get("status").asString())
                    .isEqualTo("UP");
        });
    }
}
