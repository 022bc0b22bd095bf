package io.dispatch.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dispatch.IntegrationTest;
import io.dispatch.TestClients;
import io.dispatch.TicketRows;
import io.dispatch.ticket.TicketId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "published" mark keeps the relay off tickets still waiting in the queue once half its grace
 * has passed, and touches nothing else.
 */
@IntegrationTest
class PublishedMarksIntegrationTest {

    // Far from any port a test receiver listens on: these tickets must never run.
    private static final String NOWHERE = "http://127.0.0.1:9/callback";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PublishedMarks marks;

    @Test
    void marksAcceptedTicketsAndLeavesClaimedOnesAlone() {
        Instant now = Instant.now();
        String clientId = TestClients.create(port).clientId();
        UUID waiting = TicketRows.insert(jdbc, clientId, "ACCEPTED", NOWHERE, now, null, null);
        UUID claimed = TicketRows.insert(jdbc, clientId, "PROCESSING", NOWHERE, now, null, now);
        try {
            marks.add(new TicketId(waiting));
            marks.add(new TicketId(claimed));
            marks.flush();
            // Not before half the relay's grace (1 s in the tests): a worker may claim it first.
            assertThat(marked(waiting)).isFalse();

            await().atMost(ofSeconds(5)).untilAsserted(() -> {
                marks.flush();
                assertThat(marked(waiting)).isTrue();
            });
            assertThat(marked(claimed)).isFalse();
        }
        finally {
            // Before the relay's grace is over, so neither ever runs against the other tests.
            jdbc.sql("DELETE FROM tickets WHERE id IN (:ids)").param("ids", List.of(waiting, claimed)).update();
        }
    }

    private boolean marked(UUID id) {
        return jdbc.sql("SELECT published_at IS NOT NULL FROM tickets WHERE id = :id").param("id", id)
                .query(Boolean.class).single();
    }
}
