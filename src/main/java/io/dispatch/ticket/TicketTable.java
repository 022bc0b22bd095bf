package io.dispatch.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;
import io.dispatch.system.sql.BatchValues;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.dispatch.ticket.TicketStatus.Move.CLAIM;
import static io.dispatch.ticket.TicketStatus.Move.COMPLETE;
import static io.dispatch.ticket.TicketStatus.Move.FAIL;
import static io.dispatch.ticket.TicketStatus.Move.HAND_OUT_AGAIN;
import static io.dispatch.ticket.TicketStatus.Move.TAKE_OVER;

/**
 * Every write on {@code tickets}, and the reads its writers need. Each move of a ticket
 * ({@link TicketStatus.Move}) is one statement whose {@code WHERE} is its guard (the states it may
 * leave, and the version the caller holds), so that two workers, two copies of a message, or a slow
 * worker and the sweeper can never both move a ticket. A statement carries as many tickets as have
 * gathered; batching changes how many tickets a statement carries, never the guard.
 */
@Repository
public class TicketTable {

    /**
     * Joined into a statement that runs on its own (auto-commit), it lets that statement's
     * transaction commit without waiting for the WAL to reach the disk: {@code SET LOCAL} in one
     * round trip. For writes whose loss in a database crash is harmless.
     */
    private static final String ASYNC_COMMIT = "(SELECT set_config('synchronous_commit', 'off', true)) AS async_commit";

    /** How many of client {@code c}'s tasks wait in the work queues, counted up to {@code :queued}. */
    private static final String QUEUED_OF_CLIENT = "(SELECT count(*) FROM (SELECT 1 FROM tickets WHERE client_id = c.id "
            + "AND status = 'ACCEPTED' AND published_at IS NOT NULL LIMIT :queued) queued)";
    /** Stands in an empty list of clients, which SQL cannot write. */
    private static final UUID NO_CLIENT = new UUID(0, 0);
    private static final String COLUMNS = "id, client_id, type, request_id, payload, payload_hash, callback_url, status, "
            + "result, error, version, created_at, updated_at";

    private final JdbcClient jdbc;

    TicketTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A submission to store as a new ticket. */
    public record NewTicket(TicketId id, ClientId clientId, String type, String requestId, String payload,
            String payloadHash, String callbackUrl) {
    }

    /**
     * Accepts new tickets, one statement for them all, except those whose client, type and request id
     * have a ticket already: the unique constraint decides, so concurrent identical submissions make
     * exactly one ticket, also within one batch.
     *
     * @return the tickets made; a submission missing from it had a ticket already
     */
    public List<Ticket> acceptAll(List<NewTicket> submissions, Instant now) {
        BatchValues rows = new BatchValues();
        for (NewTicket ticket : submissions) {
            rows.row().value("id", ticket.id().value(), "uuid").value("clientId", ticket.clientId().value(), "uuid")
                    .value("type", ticket.type(), "varchar").value("requestId", ticket.requestId(), "varchar")
                    .value("payload", ticket.payload(), "text").value("hash", ticket.payloadHash(), "varchar")
                    .value("callbackUrl", ticket.callbackUrl(), "varchar").sql("'ACCEPTED', 0, 0, :now, :now");
        }
        return jdbc.sql("INSERT INTO tickets (id, client_id, type, request_id, payload, payload_hash, callback_url, "
                + "status, run_count, version, created_at, updated_at) VALUES " + rows
                + " ON CONFLICT (client_id, type, request_id) DO NOTHING RETURNING " + COLUMNS)
                .params(rows.params()).param("now", Timestamp.from(now))
                .query(TicketTable::row).list();
    }

    /** The tickets these submissions' client, type and request id name, one statement for them all. */
    public List<Ticket> findAll(List<NewTicket> submissions) {
        BatchValues keys = new BatchValues();
        for (NewTicket ticket : submissions) {
            keys.row().value("clientId", ticket.clientId().value(), "uuid").value("type", ticket.type(), "varchar")
                    .value("requestId", ticket.requestId(), "varchar");
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM tickets WHERE (client_id, type, request_id) IN (" + keys + ")")
                .params(keys.params()).query(TicketTable::row).list();
    }

    /** A ticket the caller may see: a client's own, or any for an operator. */
    public Optional<Ticket> find(TicketId id, Caller caller) {
        String query = "SELECT " + COLUMNS + " FROM tickets WHERE id = :id";
        // Scoped in the query itself, so that another client's row is never even read.
        JdbcClient.StatementSpec statement = caller.scope()
                .map(clientId -> jdbc.sql(query + " AND client_id = :clientId").param("clientId", clientId.value()))
                .orElseGet(() -> jdbc.sql(query));
        return statement.param("id", id.value()).query(TicketTable::row).optional();
    }

    /**
     * {@link TicketStatus.Move#CLAIM} for a batch of tickets, in one statement, and for a redelivered
     * message's ticket also {@link TicketStatus.Move#TAKE_OVER} (the broker redelivers only once
     * the holder's channel closed).
     * <p>
     * The claim commits without waiting for the disk ({@link #ASYNC_COMMIT}): it only guards the run
     * against a second worker, and the outcome that follows commits durably, which makes the claim
     * durable too. Should the database crash in between and forget it, the ticket is {@code ACCEPTED}
     * again, the run's outcome no longer matches its version and is discarded, and the ticket runs
     * again: as after a worker crash, never two outcomes.
     *
     * @return the tickets claimed; the others run elsewhere, are finished, or do not exist
     */
    public List<ClaimedTicket> claimAll(Collection<TicketId> ids, Collection<TicketId> redelivered, Instant now) {
        String takeOver = redelivered.isEmpty() ? "" : " OR (id IN (:redelivered) AND " + TAKE_OVER.guard("status") + ")";
        JdbcClient.StatementSpec statement = jdbc.sql("UPDATE tickets SET status = 'PROCESSING', run_count = "
                + "run_count + 1, version = version + 1, claimed_at = :now, updated_at = :now FROM " + ASYNC_COMMIT
                + " WHERE id IN (:ids) AND (" + CLAIM.guard("status") + takeOver + ") RETURNING " + COLUMNS)
                .param("ids", values(ids)).param("now", Timestamp.from(now));
        if (!redelivered.isEmpty()) {
            statement = statement.param("redelivered", values(redelivered));
        }
        return statement.query(TicketTable::row).list().stream().map(Ticket::claimed).toList();
    }

    /** Which of these tickets exist. */
    public Set<TicketId> existing(Collection<TicketId> ids) {
        return jdbc.sql("SELECT id FROM tickets WHERE id IN (:ids)").param("ids", values(ids))
                .query(UUID.class).list().stream().map(TicketId::new).collect(Collectors.toSet());
    }

    /**
     * {@link TicketStatus.Move#COMPLETE} or {@link TicketStatus.Move#FAIL} for a batch, in one
     * statement; each row only for the holder of its claim, at the version the claim wrote.
     *
     * @return the tickets whose outcome was stored; the others lost their claim meanwhile
     */
    public Set<TicketId> finishAll(Map<ClaimedTicket, RunOutcome> outcomes, Instant now) {
        BatchValues rows = new BatchValues();
        outcomes.forEach((ticket, outcome) -> rows.row().value("id", ticket.id().value(), "uuid")
                .value("version", ticket.version(), "bigint")
                .value("status", (outcome.succeeded() ? COMPLETE : FAIL).to().name(), "varchar")
                .value("result", outcome.result(), "text").value("error", outcome.error(), "text"));
        return jdbc.sql("UPDATE tickets t SET status = v.status, result = v.result, error = v.error, "
                + "version = t.version + 1, updated_at = :now FROM (VALUES " + rows + ") AS v(id, version, status, "
                + "result, error) WHERE t.id = v.id AND t.version = v.version AND ((v.status = 'COMPLETED' AND "
                + COMPLETE.guard("t.status") + ") OR (v.status = 'FAILED' AND " + FAIL.guard("t.status") + ")) "
                + "RETURNING t.id")
                .params(rows.params()).param("now", Timestamp.from(now))
                .query(UUID.class).list().stream().map(TicketId::new).collect(Collectors.toSet());
    }

    /**
     * {@link TicketStatus.Move#HAND_OUT_AGAIN}, for up to 500 tickets whose work was lost:
     * {@code PROCESSING} since before {@code before}, or published then and never started. Bumping
     * the version fences off a worker that is merely slow: its result can no longer be stored.
     *
     * @return how many were handed out again
     */
    public int handOutLostWork(Instant before) {
        return jdbc.sql("UPDATE tickets SET status = 'ACCEPTED', published_at = NULL, version = version + 1, "
                + "updated_at = now() WHERE id IN (SELECT id FROM tickets WHERE " + HAND_OUT_AGAIN.guard("status")
                + " AND ((status = 'PROCESSING' AND claimed_at < :before) OR (status = 'ACCEPTED' AND published_at "
                + "< :before)) LIMIT 500 FOR UPDATE SKIP LOCKED)")
                .param("before", Timestamp.from(before))
                .update();
    }

    /**
     * Deletes tickets whose work has finished, the ones retention chose by their callbacks; a
     * ticket still open is never deleted, whatever it is asked.
     */
    public int deleteFinished(Collection<TicketId> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM tickets WHERE id IN (:ids) AND status IN ('" + TicketStatus.COMPLETED + "', '"
                + TicketStatus.FAILED + "')")
                .param("ids", values(ids))
                .update();
    }

    /** An accepted ticket the relay publishes. */
    public record Unpublished(TicketId id, String type) {
    }

    /**
     * What a relay round may take.
     *
     * @param limit the most tickets in the round
     * @param queuedPerClient the most tasks of one client waiting in the work queues (published,
     *        not yet claimed): a client with that many gets none this round
     * @param graceBefore tickets created before this are taken whatever their client: the fast path
     *        has given up on them
     * @param holding clients whose tickets intake left to the relay, and which it takes from
     *        {@code holdingBefore} on, once the fast path has marked what it published of theirs
     */
    public record RelayRound(Instant now, int limit, int queuedPerClient, Instant graceBefore,
            Set<ClientId> holding, Instant holdingBefore) {
    }

    /**
     * Marks a round of accepted, never confirmed tickets as published and returns them for the relay
     * to publish: client by client in turn (each one's oldest first, then each one's second, …), and
     * each client only as many as it has room for in the work queues, so that one client's backlog
     * delays another's tickets by at most a batch here and a window there. One statement: each
     * client's waiting and queued tickets are read through its indexes by client, at most a round of
     * them. {@code SKIP LOCKED}, so several instances share the backlog.
     */
    public List<Unpublished> markForRelay(RelayRound round) {
        Set<UUID> holding = new HashSet<>(Set.of(NO_CLIENT));
        round.holding().forEach(client -> holding.add(client.value()));
        List<Waiting> marked = jdbc.sql("WITH waiting AS (SELECT w.id, w.client_id, w.created_at FROM clients c "
                + "CROSS JOIN LATERAL (SELECT :queued - " + QUEUED_OF_CLIENT + " AS room) r "
                + "CROSS JOIN LATERAL (SELECT id, client_id, created_at FROM tickets WHERE client_id = c.id "
                + "AND status = 'ACCEPTED' AND published_at IS NULL AND (created_at < :before OR (c.id IN (:holding) "
                + "AND created_at < :holdingBefore)) ORDER BY created_at LIMIT least(:limit, r.room) "
                + "FOR UPDATE SKIP LOCKED) w "
                + "WHERE EXISTS (SELECT 1 FROM tickets WHERE client_id = c.id AND status = 'ACCEPTED' AND published_at IS NULL)), "
                + "chosen AS (SELECT id FROM (SELECT id, created_at, row_number() OVER (PARTITION BY client_id "
                + "ORDER BY created_at) AS turn FROM waiting) turns ORDER BY turn, created_at LIMIT :limit) "
                + "UPDATE tickets SET published_at = :now WHERE id IN (SELECT id FROM chosen) "
                + "RETURNING id, type, client_id, created_at")
                .param("now", Timestamp.from(round.now()))
                .param("queued", round.queuedPerClient())
                .param("before", Timestamp.from(round.graceBefore()))
                .param("holding", holding)
                .param("holdingBefore", Timestamp.from(round.holdingBefore()))
                .param("limit", round.limit())
                .query((rs, n) -> new Waiting(new Unpublished(new TicketId(rs.getObject("id", UUID.class)),
                        rs.getString("type")), rs.getObject("client_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        return inTurn(marked);
    }

    /**
     * Each client's tickets waiting for a worker (accepted, published or not), counted up to
     * {@code most}: one short probe of the index of open tickets per client, however long its backlog.
     */
    public Map<ClientId, Long> waitingByClient(int most) {
        Map<ClientId, Long> waiting = new HashMap<>();
        jdbc.sql("SELECT c.id, (SELECT count(*) FROM (SELECT 1 FROM tickets WHERE client_id = c.id "
                + "AND status = 'ACCEPTED' LIMIT :most) w) FROM clients c")
                .param("most", most)
                .query((rs, n) -> waiting.put(new ClientId(rs.getObject(1, UUID.class)), rs.getLong(2)))
                .list();
        return waiting;
    }

    /**
     * When the oldest ticket was created that the relay should have published by now: unpublished,
     * and its client has room in the work queues (tickets held back for fair share do not count).
     */
    public Optional<Instant> oldestOverdueForRelay(int queuedPerClient) {
        return jdbc.sql("SELECT min(u.created_at) FROM clients c "
                + "CROSS JOIN LATERAL (SELECT created_at FROM tickets WHERE client_id = c.id AND status = 'ACCEPTED' "
                + "AND published_at IS NULL ORDER BY created_at LIMIT 1) u "
                + "WHERE " + QUEUED_OF_CLIENT + " < :queued")
                .param("queued", queuedPerClient)
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }

    private record Waiting(Unpublished ticket, UUID clientId, Instant createdAt) {
    }

    /**
     * {@code RETURNING} keeps no order, so the batch is put in turns again here: it is published in
     * this order, and a client's ticket is then near the head of the work queue, not anywhere in the batch.
     */
    private static List<Unpublished> inTurn(List<Waiting> marked) {
        Map<UUID, Integer> turns = new HashMap<>();
        Map<Waiting, Integer> turnOf = new HashMap<>();
        marked.stream().sorted(Comparator.comparing(Waiting::createdAt))
                .forEach(waiting -> turnOf.put(waiting, turns.merge(waiting.clientId(), 1, Integer::sum)));
        return marked.stream()
                .sorted(Comparator.comparing((Waiting waiting) -> turnOf.get(waiting))
                        .thenComparing(Waiting::createdAt))
                .map(Waiting::ticket)
                .toList();
    }

    /** Takes the mark back from tickets the broker did not confirm, so that the relay publishes them again. */
    public void unmarkPublished(Collection<TicketId> ids) {
        jdbc.sql("UPDATE tickets SET published_at = NULL WHERE id IN (:ids) AND status = 'ACCEPTED'")
                .param("ids", values(ids))
                .update();
    }

    /**
     * Marks confirmed tickets as published, so that the relay leaves them alone. A ticket a worker
     * has claimed needs no mark (the relay only looks at accepted ones), and one a worker is
     * claiming right now is skipped: waiting for its row while the claim waits for one of ours was a
     * deadlock under load. Lost in a database crash, a mark costs one needless publish, so it does
     * not wait for the disk.
     */
    public void markPublished(Collection<TicketId> ids) {
        jdbc.sql("UPDATE tickets SET published_at = now() FROM " + ASYNC_COMMIT + " WHERE id IN (SELECT id FROM "
                + "tickets WHERE id IN (:ids) AND status = 'ACCEPTED' AND published_at IS NULL FOR UPDATE SKIP LOCKED)")
                .param("ids", values(ids))
                .update();
    }

    private static Set<UUID> values(Collection<TicketId> ids) {
        return ids.stream().map(TicketId::value).collect(Collectors.toSet());
    }

    private static Ticket row(ResultSet rs, int n) throws SQLException {
        return new Ticket(new TicketId(rs.getObject("id", UUID.class)),
                new ClientId(rs.getObject("client_id", UUID.class)), rs.getString("type"), rs.getString("request_id"),
                rs.getString("payload"), rs.getString("payload_hash"), rs.getString("callback_url"),
                TicketStatus.valueOf(rs.getString("status")), rs.getString("result"), rs.getString("error"),
                rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
