package io.dispatch.callback;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.dispatch.system.BatchValues;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The writes on a callback's hot path, one statement each: scheduling a delivery, and storing an
 * attempt with the state it leads to. They run once or more per ticket, so they skip the entity
 * and its session (JPA serves the rare reads and the redelivery); measured, the JPA versions were a
 * quarter of the service's CPU time under load.
 */
@Repository
class DeliveryStore {



    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores new {@code PENDING} deliveries, one statement for them all, in the caller's transaction. */
    void scheduleAll(List<Outgoing> firsts, Instant firstAttemptAt, @Nullable Instant leaseUntil, Instant now) {
        BatchValues rows = new BatchValues();
        for (Outgoing first : firsts) {
            rows.row().value("ticketId", first.ticketId(), "uuid").value("clientId", first.clientId().value(), "uuid")
                    .value("url", first.url(), "varchar").value("body", first.body(), "text")
                    .sql("'PENDING', 0, 0, :firstAttemptAt, :leaseUntil")
                    .value("submittedAt", timestamp(first.submittedAt()), "timestamptz")
                    .value("traceParent", first.traceParent(), "varchar").sql(":now, :now");
        }
        jdbc.sql("INSERT INTO callback_deliveries (ticket_id, client_id, url, body, status, attempts, budget_start, "
                + "next_attempt_at, lease_until, submitted_at, trace_parent, created_at, updated_at) VALUES " + rows)
                .params(rows.params())
                .param("firstAttemptAt", Timestamp.from(firstAttemptAt)).param("leaseUntil", timestamp(leaseUntil))
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Stores attempts and the states they lead their deliveries to, one statement for them all;
     * each delivery only if it has not moved on since its attempt was leased (another instance took
     * it over): then nothing of that attempt is written.
     *
     * @return how many attempts were stored
     */
    int recordAll(List<Outgoing.Recorded> recorded) {
        BatchValues rows = new BatchValues();
        for (Outgoing.Recorded attempt : recorded) {
            AttemptResult result = attempt.result();
            rows.row().value("ticketId", attempt.attempted().ticketId(), "uuid")
                    .value("before", attempt.attempted().attemptsBefore(), "integer")
                    .value("status", attempt.status().name(), "varchar").value("attempt", attempt.attempt(), "integer")
                    .value("next", timestamp(attempt.nextAttemptAt()), "timestamptz")
                    .value("at", Timestamp.from(attempt.at()), "timestamptz")
                    .value("code", result.statusCode(), "integer")
                    .value("duration", result.duration().toMillis(), "bigint")
                    .value("outcome", (result.succeeded() ? AttemptOutcome.SUCCEEDED : AttemptOutcome.FAILED).name(),
                            "varchar")
                    .value("error", result.succeeded() ? null : result.describeFailure(), "text");
        }
        return jdbc.sql("WITH v (ticket_id, attempts_before, status, attempt, next_attempt_at, at, status_code, "
                + "duration_ms, outcome, error) AS (VALUES " + rows + "), "
                + "delivery AS (UPDATE callback_deliveries d SET status = v.status, attempts = v.attempt, "
                + "next_attempt_at = v.next_attempt_at, lease_until = NULL, last_attempt_at = v.at, "
                + "last_status_code = v.status_code, updated_at = v.at FROM v "
                + "WHERE d.ticket_id = v.ticket_id AND d.attempts = v.attempts_before RETURNING d.ticket_id) "
                + "INSERT INTO callback_attempts (ticket_id, attempt, attempted_at, status_code, duration_ms, outcome, "
                + "error) SELECT v.ticket_id, v.attempt, v.at, v.status_code, v.duration_ms, v.outcome, v.error "
                + "FROM v JOIN delivery ON delivery.ticket_id = v.ticket_id")
                .params(rows.params())
                .update();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
