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
        UUID id = UUID.randomUUID();
        Timestamp anHourAgo = Timestamp.from(Instant.now().minusSeconds(3600));
        // What a worker that died an hour ago, after claiming and before finishing, leaves behind.
        jdbc.sql("""
                INSERT INTO tickets (id, type, request_id, payload, payload_hash, callback_url, status, run_count,
                                     version, created_at, updated_at, published_at, claimed_at)
                VALUES (:id, 'echo-test', :requestId, '{"email":"a@example.com","name":"A","surname":"B"}', 'x',
                        :url, 'PROCESSING', 1, 1, :at, :at, :at, :at)""")
                .param("id", id).param("requestId", "req-" + id).param("url", receiver.url()).param("at", anHourAgo)
                .update();

        sweeper.sweep();

        DispatchClient api = new DispatchClient(port);
        await().atMost(ofSeconds(15)).until(() -> receiver.received().size() == 1);
        assertThat(api.ticket(id.toString()).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("SELECT run_count FROM tickets WHERE id = :id").param("id", id).query(Integer.class)
                .single()).isEqualTo(2);
    }
}
