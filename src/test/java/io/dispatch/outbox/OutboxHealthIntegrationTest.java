package io.dispatch.outbox;

import java.time.Instant;

import io.dispatch.CallbackReceiver;
import io.dispatch.DispatchClient;
import io.dispatch.IntegrationTest;
import io.dispatch.TestClients;
import io.dispatch.TicketRows;
import io.dispatch.ticket.TicketGauges;

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
        // A ticket accepted an hour ago whose task was never confirmed, as a long broker outage leaves it.
        TicketRows.insert(jdbc, TestClients.create(port).clientId(), "ACCEPTED", receiver.url(),
                Instant.now().minusSeconds(3600), null, null);
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
