package io.dispatch.callback.stats;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dispatch.callback.DeliveryStatus;
import io.dispatch.client.ClientId;
import io.dispatch.client.ClientScope;
import io.dispatch.system.sql.StatusCounts;
import io.dispatch.system.sql.Times;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the dashboard shows of deliveries: those still waiting, counted through the partial index of
 * open deliveries; those retrying now with their last error; and the last hour from the per-minute
 * rollup. None of it reads the delivered or attempted rows the tables pile up.
 */
@Service
public class DeliveryStats {

    private final JdbcClient jdbc;
    private final DeliveryMinutes minutes;

    DeliveryStats(JdbcClient jdbc, DeliveryMinutes minutes) {
        this.jdbc = jdbc;
        this.minutes = minutes;
    }

    /** Adds the attempts made since the last call to their minutes; the dashboard says how often. */
    public void rollUpMinutes() {
        minutes.rollUp();
    }

    /** A delivery retrying now. */
    public record Retrying(UUID ticketId, String url, int attempts, @Nullable Instant nextAttemptAt,
            @Nullable Integer lastStatusCode, @Nullable String lastError) {
    }

    /** Delivered and failed attempts in one minute. */
    public record Minute(Instant minute, long delivered, long failed) {
    }

    /** {@code PENDING} and {@code RETRYING} deliveries, of one client or (null) of all. */
    public Map<DeliveryStatus, Long> waiting(@Nullable ClientId scope) {
        return StatusCounts.read(ClientScope.statement(jdbc, "SELECT status, count(*) FROM callback_deliveries "
                + "WHERE status IN ('PENDING', 'RETRYING')", scope, "client_id", " GROUP BY status"), DeliveryStatus.class,
                List.of(DeliveryStatus.PENDING, DeliveryStatus.RETRYING));
    }

    /** A client's callbacks now claimed or being sent, on any instance, and those retrying. */
    public record ClientCallbacks(long inFlight, long retrying) {
    }

    /** Per client (one, or null for all) that has callbacks waiting: how many are in flight and retrying. */
    public Map<ClientId, ClientCallbacks> perClient(@Nullable ClientId scope, Instant now) {
        Map<ClientId, ClientCallbacks> counts = new HashMap<>();
        ClientScope.statement(jdbc, "SELECT client_id, count(*) FILTER (WHERE lease_until > :now), count(*) FILTER "
                + "(WHERE status = 'RETRYING') FROM callback_deliveries WHERE status IN ('PENDING', 'RETRYING')",
                scope, "client_id", " GROUP BY client_id")
                .param("now", Timestamp.from(now))
                .query((row, n) -> counts.put(new ClientId(row.getObject(1, UUID.class)),
                        new ClientCallbacks(row.getLong(2), row.getLong(3))))
                .list();
        return counts;
    }

    /** The deliveries retrying now, the next due first, with what their last attempt said. */
    public List<Retrying> retrying(@Nullable ClientId scope, int limit) {
        return ClientScope.statement(jdbc, """
                SELECT d.ticket_id, d.url, d.attempts, d.next_attempt_at, d.last_status_code, a.error
                FROM callback_deliveries d
                LEFT JOIN callback_attempts a ON a.ticket_id = d.ticket_id AND a.attempt = d.attempts
                WHERE d.status IN ('PENDING', 'RETRYING') AND d.status = 'RETRYING'""",
                scope, "d.client_id", " ORDER BY d.next_attempt_at LIMIT :limit")
                .param("limit", limit)
                .query((row, n) -> new Retrying(row.getObject("ticket_id", UUID.class), row.getString("url"),
                        row.getInt("attempts"), Times.instant(row.getTimestamp("next_attempt_at")),
                        (Integer) row.getObject("last_status_code"), row.getString("error")))
                .list();
    }

    /** Each minute of the last hour that had attempts, oldest first. */
    public List<Minute> lastHour(@Nullable ClientId scope, Instant now) {
        return ClientScope.statement(jdbc, "SELECT minute, sum(delivered), sum(failed) FROM delivery_minutes "
                + "WHERE minute >= :since", scope, "client_id", " GROUP BY minute ORDER BY minute")
                .param("since", Timestamp.from(now.minusSeconds(3600)))
                .query((row, n) -> new Minute(row.getTimestamp(1).toInstant(), row.getLong(2), row.getLong(3)))
                .list();
    }
}
