package io.dispatch.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ticket's state machine as the database enforces it. Each transition is one conditional
 * statement whose {@code WHERE} is the guard (the states it may leave, and the version the caller
 * holds), so that two workers, two copies of a message or a slow worker and the sweeper can never
 * both move a ticket. One statement per step also keeps a ticket's life at few round trips.
 */
@Repository
class TicketStore {

    /**
     * Joined into a statement that runs on its own (auto-commit), it lets that statement's
     * transaction commit without waiting for the WAL to reach the disk: {@code SET LOCAL} in one
     * round trip. For writes whose loss in a database crash is harmless.
     */
    static final String ASYNC_COMMIT = "(SELECT set_config('synchronous_commit', 'off', true)) AS async_commit";

    private static final String COLUMNS = "id, client_id, type, request_id, payload, payload_hash, callback_url, status, "
            + "result, error, version, created_at, updated_at";

    private final JdbcClient jdbc;

    TicketStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Accepts a new ticket, unless the type and request id have one already: the unique constraint
     * decides, so concurrent identical submissions make exactly one ticket.
     *
     * @return the new ticket, or empty when one existed
     */
    Optional<Ticket> accept(UUID id, ClientId clientId, String type, String requestId, String payload,
            String payloadHash, String callbackUrl, Instant now) {
        return jdbc.sql("INSERT INTO tickets (id, client_id, type, request_id, payload, payload_hash, callback_url, "
                + "status, run_count, version, created_at, updated_at) VALUES (:id, :clientId, :type, :requestId, "
                + ":payload, :hash, :callbackUrl, 'ACCEPTED', 0, 0, :now, :now) "
                + "ON CONFLICT (client_id, type, request_id) DO NOTHING RETURNING " + COLUMNS)
                .param("id", id).param("clientId", clientId.value()).param("type", type).param("requestId", requestId).param("payload", payload)
                .param("hash", payloadHash).param("callbackUrl", callbackUrl).param("now", Timestamp.from(now))
                .query(TicketStore::row).optional();
    }

    Optional<Ticket> find(ClientId clientId, String type, String requestId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tickets WHERE client_id = :clientId AND type = :type "
                + "AND request_id = :requestId")
                .param("clientId", clientId.value()).param("type", type).param("requestId", requestId)
                .query(TicketStore::row).optional();
    }

    /** A ticket the caller may see: a client's own, or any for an operator. */
    Optional<Ticket> find(UUID id, Caller caller) {
        String query = "SELECT " + COLUMNS + " FROM tickets WHERE id = :id";
        // Scoped in the query itself, so that another client's row is never even read.
        JdbcClient.StatementSpec statement = caller.scope()
                .map(clientId -> jdbc.sql(query + " AND client_id = :clientId").param("clientId", clientId.value()))
                .orElseGet(() -> jdbc.sql(query));
        return statement.param("id", id).query(TicketStore::row).optional();
    }

    boolean exists(UUID id) {
        return jdbc.sql("SELECT count(*) FROM tickets WHERE id = :id").param("id", id).query(Long.class).single() > 0;
    }

    /**
     * {@code ACCEPTED → PROCESSING}; with {@code redelivered}, also {@code PROCESSING → PROCESSING}, a
     * take-over from a worker that is gone (the broker redelivers only once the holder's channel closed).
     * <p>
     * The claim commits without waiting for the disk ({@link #ASYNC_COMMIT}): it only guards the run
     * against a second worker, and the outcome that follows commits durably, which makes the claim
     * durable too. Should the database crash in between and forget it, the ticket is {@code ACCEPTED}
     * again, the run's outcome no longer matches its version and is discarded, and the ticket runs
     * again: as after a worker crash, never two outcomes. On an idle machine this saves the slowest
     * part of the claim (measured: 0.56 ms → 0.14 ms per statement).
     */
    Optional<Ticket> claim(UUID id, boolean redelivered, Instant now) {
        return jdbc.sql("UPDATE tickets SET status = 'PROCESSING', run_count = run_count + 1, version = version + 1, "
                + "claimed_at = :now, updated_at = :now FROM " + ASYNC_COMMIT + " WHERE id = :id "
                + "AND (status = 'ACCEPTED' OR (:redelivered AND status = 'PROCESSING')) RETURNING " + COLUMNS)
                .param("id", id).param("redelivered", redelivered).param("now", Timestamp.from(now))
                .query(TicketStore::row).optional();
    }

    /** {@code PROCESSING → COMPLETED}, only for the holder of the claim at {@code version}. */
    boolean complete(UUID id, long version, String result, Instant now) {
        return finish(id, version, TicketStatus.COMPLETED, result, null, now);
    }

    /** {@code PROCESSING → FAILED}, only for the holder of the claim at {@code version}. */
    boolean fail(UUID id, long version, String error, Instant now) {
        return finish(id, version, TicketStatus.FAILED, null, error, now);
    }

    private boolean finish(UUID id, long version, TicketStatus status, @Nullable String result,
            @Nullable String error, Instant now) {
        return jdbc.sql("UPDATE tickets SET status = :status, result = :result, error = :error, version = version + 1, "
                + "updated_at = :now WHERE id = :id AND version = :version AND status = 'PROCESSING'")
                .param("status", status.name()).param("result", result).param("error", error)
                .param("now", Timestamp.from(now)).param("id", id).param("version", version)
                .update() == 1;
    }

    private static Ticket row(ResultSet rs, int n) throws SQLException {
        return new Ticket(rs.getObject("id", UUID.class), new ClientId(rs.getObject("client_id", UUID.class)),
                rs.getString("type"), rs.getString("request_id"),
                rs.getString("payload"), rs.getString("payload_hash"), rs.getString("callback_url"),
                TicketStatus.valueOf(rs.getString("status")), rs.getString("result"), rs.getString("error"),
                rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
