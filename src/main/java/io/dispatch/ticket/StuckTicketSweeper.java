package io.dispatch.ticket;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands out again tickets whose work was lost: {@code PROCESSING} for too long (the worker died and
 * its message is gone too) or published long ago and never started (the message was dead-lettered).
 * It only clears the outbox mark; the relay publishes them. Bumping the version fences off a worker
 * that is merely slow: its result can no longer be stored.
 */
@Component
class StuckTicketSweeper {

    private static final Logger log = LoggerFactory.getLogger(StuckTicketSweeper.class);
    private static final String RELEASE = """
            UPDATE tickets SET status = 'ACCEPTED', published_at = NULL, version = version + 1, updated_at = now()
            WHERE id IN (
                SELECT id FROM tickets
                WHERE (status = 'PROCESSING' AND claimed_at < :before)
                   OR (status = 'ACCEPTED' AND published_at < :before)
                LIMIT 500
                FOR UPDATE SKIP LOCKED)
            """;

    private final JdbcClient jdbc;
    private final OutboxProperties properties;
    private final Clock clock;

    StuckTicketSweeper(JdbcClient jdbc, OutboxProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dispatch.outbox.sweep-interval:30s}")
    void sweep() {
        try {
            int released = jdbc.sql(RELEASE)
                    .param("before", Timestamp.from(clock.instant().minus(properties.stuckAfter())))
                    .update();
            if (released > 0) {
                log.warn("Handed out again {} tickets whose work was lost", released);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Stuck-ticket sweep could not run: {}", ex.getMessage());
        }
    }
}
