package io.dispatch.callback;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds deliveries whose next attempt is due, and those an instance leased but never finished
 * (it died), and takes them over. {@code FOR UPDATE SKIP LOCKED} plus the lease keep two instances
 * from attempting the same delivery at once.
 */
@Component
class DuePoller {

    private static final Logger log = LoggerFactory.getLogger(DuePoller.class);

    private static final String CLAIM_DUE = """
            UPDATE callback_deliveries SET lease_until = :leaseUntil
            WHERE ticket_id IN (
                SELECT ticket_id FROM callback_deliveries
                WHERE status IN ('PENDING', 'RETRYING') AND next_attempt_at <= :now
                  AND (lease_until IS NULL OR lease_until < :now)
                ORDER BY next_attempt_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED)
            RETURNING ticket_id
            """;

    private final JdbcClient jdbc;
    private final DeliveryRunner runner;
    private final CallbackProperties properties;
    private final Clock clock;

    DuePoller(JdbcClient jdbc, DeliveryRunner runner, CallbackProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.runner = runner;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dispatch.callback.poll-interval:1s}")
    void attemptDue() {
        Instant now = clock.instant();
        try {
            // One statement, so it needs no transaction of its own: its row locks last as long as it does.
            List<UUID> due = jdbc.sql(CLAIM_DUE)
                    .param("leaseUntil", Timestamp.from(now.plus(properties.lease())))
                    .param("now", Timestamp.from(now))
                    .param("limit", properties.concurrency())
                    .query(UUID.class)
                    .list();
            due.forEach(runner::attemptSoon);
        }
        catch (RuntimeException ex) {
            log.warn("Could not look for due callbacks: {}", ex.getMessage());
        }
    }
}
