package io.dispatch.callback.stats;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rolls the attempts stored since the last round up into delivered and failed counts per client and
 * minute, for the dashboard. One instance at a time (the mark's row lock, skipped by the others);
 * it reads only attempts older than a few seconds, so that an attempt whose id came first but whose
 * statement committed a moment later is not passed over.
 */
@Component
class DeliveryMinutes {

    private static final Logger log = LoggerFactory.getLogger(DeliveryMinutes.class);
    private static final String MARK = "delivery_minutes";

    private static final String ROLL_UP = """
            INSERT INTO delivery_minutes (client_id, minute, delivered, failed)
            SELECT d.client_id, date_trunc('minute', a.attempted_at),
                   count(*) FILTER (WHERE a.outcome = 'SUCCEEDED'), count(*) FILTER (WHERE a.outcome = 'FAILED')
            FROM callback_attempts a JOIN callback_deliveries d ON d.ticket_id = a.ticket_id
            WHERE a.id > :from AND a.id <= :to
            GROUP BY 1, 2
            ON CONFLICT (client_id, minute) DO UPDATE
            SET delivered = delivery_minutes.delivered + excluded.delivered,
                failed = delivery_minutes.failed + excluded.failed
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    DeliveryMinutes(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    void rollUp() {
        try {
            transaction.executeWithoutResult(status -> {
                Optional<Long> from = jdbc.sql("SELECT last_id FROM rollup_marks WHERE name = :name "
                        + "FOR UPDATE SKIP LOCKED").param("name", MARK).query(Long.class).optional();
                if (from.isEmpty()) {
                    return;
                }
                long to = jdbc.sql("SELECT coalesce(max(id), :from) FROM callback_attempts WHERE id > :from "
                        + "AND attempted_at < now() - interval '3 seconds'")
                        .param("from", from.get()).query(Long.class).single();
                if (to > from.get()) {
                    jdbc.sql(ROLL_UP).param("from", from.get()).param("to", to).update();
                    jdbc.sql("UPDATE rollup_marks SET last_id = :to WHERE name = :name")
                            .param("to", to).param("name", MARK).update();
                    jdbc.sql("DELETE FROM delivery_minutes WHERE minute < now() - interval '2 days'").update();
                }
            });
        }
        catch (RuntimeException ex) {
            log.debug("Could not roll up delivery minutes: {}", ex.getMessage());
        }
    }
}
