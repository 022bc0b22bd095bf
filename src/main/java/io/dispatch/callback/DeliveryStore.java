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
     * Stores attempts and the states they lead their deliveries to, one statement for them all;
     * each delivery only if it has not moved on since its attempt was leased (another instance took
     * it over): then nothing of that attempt is written.
     *
     * @return how many attempts were stored
     */
    int recordAll(List<Outgoing.Recorded> recorded) {
        StringBuilder rows = new StringBuilder();
        Map<String, @Nullable Object> params = new HashMap<>();
        for (int i = 0; i < recorded.size(); i++) {
            Outgoing.Recorded attempt = recorded.get(i);
            AttemptResult result = attempt.result();
            rows.append(i == 0 ? "" : ", ").append("(CAST(:ticketId").append(i).append(" AS uuid), CAST(:before")
                    .append(i).append(" AS integer), CAST(:status").append(i).append(" AS varchar), CAST(:attempt")
                    .append(i).append(" AS integer), CAST(:next").append(i).append(" AS timestamptz), CAST(:at")
                    .append(i).append(" AS timestamptz), CAST(:code").append(i).append(" AS integer), CAST(:duration")
                    .append(i).append(" AS bigint), CAST(:outcome").append(i).append(" AS varchar), CAST(:error")
                    .append(i).append(" AS text))");
            params.put("ticketId" + i, attempt.attempted().ticketId());
            params.put("before" + i, attempt.attempted().attemptsBefore());
            params.put("status" + i, attempt.status().name());
            params.put("attempt" + i, attempt.attempt());
            params.put("next" + i, timestamp(attempt.nextAttemptAt()));
            params.put("at" + i, Timestamp.from(attempt.at()));
            params.put("code" + i, result.statusCode());
            params.put("duration" + i, result.duration().toMillis());
            params.put("outcome" + i, (result.succeeded() ? AttemptOutcome.SUCCEEDED : AttemptOutcome.FAILED).name());
            params.put("error" + i, result.succeeded() ? null : result.describeFailure());
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
                .params(params)
                .update();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
