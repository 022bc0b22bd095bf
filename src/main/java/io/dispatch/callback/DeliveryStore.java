package io.dispatch.callback;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private static final String RECORD = """
            WITH delivery AS (
                UPDATE callback_deliveries
                SET status = :status, attempts = :attempt, next_attempt_at = :nextAttemptAt, lease_until = NULL,
                    last_attempt_at = :at, last_status_code = :statusCode, updated_at = :at
                WHERE ticket_id = :ticketId AND attempts = :attemptsBefore
                RETURNING ticket_id)
            INSERT INTO callback_attempts (ticket_id, attempt, attempted_at, status_code, duration_ms, outcome, error)
            SELECT ticket_id, :attempt, :at, :statusCode, :durationMs, :outcome, :error FROM delivery
            """;

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores new {@code PENDING} deliveries, one statement for them all, in the caller's transaction. */
    void scheduleAll(List<Outgoing> firsts, Instant firstAttemptAt, @Nullable Instant leaseUntil, Instant now) {
        StringBuilder rows = new StringBuilder();
        Map<String, @Nullable Object> params = new HashMap<>();
        for (int i = 0; i < firsts.size(); i++) {
            Outgoing first = firsts.get(i);
            rows.append(i == 0 ? "" : ", ").append("(:ticketId").append(i).append(", :clientId").append(i)
                    .append(", :url").append(i).append(", :body").append(i)
                    .append(", 'PENDING', 0, 0, :firstAttemptAt, :leaseUntil, CAST(:submittedAt").append(i)
                    .append(" AS timestamptz), CAST(:traceParent").append(i).append(" AS varchar), :now, :now)");
            params.put("ticketId" + i, first.ticketId());
            params.put("clientId" + i, first.clientId().value());
            params.put("url" + i, first.url());
            params.put("body" + i, first.body());
            params.put("submittedAt" + i, timestamp(first.submittedAt()));
            params.put("traceParent" + i, first.traceParent());
        }
        jdbc.sql("INSERT INTO callback_deliveries (ticket_id, client_id, url, body, status, attempts, budget_start, "
                + "next_attempt_at, lease_until, submitted_at, trace_parent, created_at, updated_at) VALUES " + rows)
                .params(params)
                .param("firstAttemptAt", Timestamp.from(firstAttemptAt)).param("leaseUntil", timestamp(leaseUntil))
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Stores an attempt and the delivery's next state together, unless the delivery moved on since
     * the attempt was leased (another instance took it over): then nothing is written.
     *
     * @return whether it was stored
     */
    boolean record(Outgoing.Recorded recorded) {
        AttemptResult result = recorded.result();
        return jdbc.sql(RECORD)
                .param("status", recorded.status().name()).param("attempt", recorded.attempt())
                .param("nextAttemptAt", timestamp(recorded.nextAttemptAt())).param("at", Timestamp.from(recorded.at()))
                .param("statusCode", result.statusCode()).param("ticketId", recorded.attempted().ticketId())
                .param("attemptsBefore", recorded.attempted().attemptsBefore())
                .param("durationMs", result.duration().toMillis())
                .param("outcome", (result.succeeded() ? AttemptOutcome.SUCCEEDED : AttemptOutcome.FAILED).name())
                .param("error", result.succeeded() ? null : result.describeFailure())
                .update() == 1;
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
