package io.dispatch.ticket;

import io.dispatch.client.ClientScope;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dispatch.client.ClientId;
import io.dispatch.system.sql.StatusCounts;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The open tickets, counted through the partial index of open tickets only: the cost follows the
 * work in flight, never the millions of finished tickets the table may hold.
 */
@Service
public class TicketCounts {

    private final JdbcClient jdbc;

    TicketCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code ACCEPTED} and {@code PROCESSING} tickets, of one client or (null) of all. */
    public Map<TicketStatus, Long> open(@Nullable ClientId scope) {
        return StatusCounts.read(ClientScope.statement(jdbc, "SELECT status, count(*) FROM tickets WHERE status IN ('ACCEPTED', "
                + "'PROCESSING')", scope, "client_id", " GROUP BY status"), TicketStatus.class,
                List.of(TicketStatus.ACCEPTED, TicketStatus.PROCESSING));
    }

    /** When the oldest ticket still waiting for a worker was accepted. */
    public Optional<Instant> oldestWaiting(@Nullable ClientId scope) {
        return ClientScope.statement(jdbc, "SELECT min(created_at) FROM tickets WHERE status IN ('ACCEPTED', 'PROCESSING') "
                + "AND status = 'ACCEPTED'", scope, "client_id", "")
                .query((row, n) -> Optional.ofNullable(row.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }
}
