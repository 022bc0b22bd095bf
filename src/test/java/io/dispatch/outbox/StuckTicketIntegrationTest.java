package io.dispatch.outbox;

import java.time.Instant;
import java.util.UUID;

import io.dispatch.CallbackReceiver;
import io.dispatch.DispatchClient;
import io.dispatch.IntegrationTest;
import io.dispatch.TestClients;
import io.dispatch.TicketRows;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guarantee: a ticket left in {@code PROCESSING} by a worker that died, with its message gone too,
 * is handed out again and completes.
 */
@IntegrationTest
class StuckTicketIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StuckTicketSweeper sweeper;

    @Test
    void handsOutAgainATicketStuckInProcessing() {
        CallbackReceiver.Endpoint receiver = CallbackReceiver.shared().endpoint();
        Instant anHourAgo = Instant.now().minusSeconds(3600);
        // What a worker that died an hour ago, after claiming and before finishing, leaves behind.
        TestClients.TestClient client = TestClients.create(port);
        UUID id = TicketRows.insert(jdbc, client.clientId(), "PROCESSING", receiver.url(), anHourAgo, anHourAgo,
                anHourAgo);

        sweeper.sweep();

        DispatchClient api = client.api();
        await().atMost(ofSeconds(15)).until(() -> receiver.received().size() == 1);
        assertThat(api.ticket(id.toString()).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("SELECT run_count FROM tickets WHERE id = :id").param("id", id).query(Integer.class)
                .single()).isEqualTo(2);
    }
}
