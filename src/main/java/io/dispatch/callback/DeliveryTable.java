package io.dispatch.callback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.dispatch.client.ClientId;
import io.dispatch.system.sql.BatchValues;
import io.dispatch.system.sql.Times;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.dispatch.callback.DeliveryStatus.Move.DELIVER;
import static io.dispatch.callback.DeliveryStatus.Move.EXHAUST;
import static io.dispatch.callback.DeliveryStatus.Move.REDELIVER;
import static io.dispatch.callback.DeliveryStatus.Move.RETRY;

/**
 * Every write on {@code callback_deliveries} and {@code callback_attempts}, and the reads of one
 * delivery. A delivery is attempted only under a claim: a numbered lease that one statement takes
 * and returns with everything the attempt sends, so nothing is read again at send time. An
 * attempt's outcome is stored only while its claim is the delivery's current one, and a delivery is
 * claimed only while no other claim holds it: so a lapsed copy, a takeover by another instance and
 * a redelivery can never write over each other.
 */
@Repository
public class DeliveryTable {

    private static final String OUTGOING_COLUMNS = "ticket_id, client_id, url, body, trace_parent, attempts, "
            + "budget_start, submitted_at, claim";

    /** Waiting for an attempt: the states every attempt's outcome moves from. */
    private static final String ATTEMPTABLE = DELIVER.guard("status");

    /** Each row's outcome, guarded by the states its own move starts from. */
    private static final String OUTCOME_GUARD = Stream.of(DELIVER, RETRY, EXHAUST)
            .map(move -> "(v.status = '" + move.to() + "' AND " + move.guard("d.status") + ")")
            .collect(Collectors.joining(" OR ", "(", ")"));

    /** Free to claim: no claim holds it, or the one that did has run its course (its holder is gone). */
    private static final String UNCLAIMED = "(lease_until IS NULL OR lease_until < :now)";

    private final JdbcClient jdbc;

    DeliveryTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores new {@code PENDING} deliveries, one statement for them all, in the caller's
     * transaction; with a lease, their first attempts are claimed by the insert itself.
     */
    public void scheduleAll(List<Outgoing> firsts, Instant firstAttemptAt, @Nullable Instant leaseUntil, Instant now) {
        BatchValues rows = new BatchValues();
        for (Outgoing first : firsts) {
            rows.row().value("ticketId", first.ticketId(), "uuid").value("clientId", first.clientId().value(), "uuid")
                    .value("url", first.url(), "varchar").value("body", first.body(), "text")
                    .sql("'PENDING', 0, 0, :firstAttemptAt, :leaseUntil, :claim")
                    .value("submittedAt", Times.timestamp(first.submittedAt()), "timestamptz")
                    .value("traceParent", first.traceParent(), "varchar").sql(":now, :now");
        }
        jdbc.sql("INSERT INTO callback_deliveries (ticket_id, client_id, url, body, status, attempts, budget_start, "
                + "next_attempt_at, lease_until, claim, submitted_at, trace_parent, created_at, updated_at) VALUES "
                + rows)
                .params(rows.params())
                .param("firstAttemptAt", Timestamp.from(firstAttemptAt)).param("leaseUntil", Times.timestamp(leaseUntil))
                .param("claim", leaseUntil == null ? 0 : Outgoing.FIRST_CLAIM)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** How many of one client's due deliveries a poll may claim: fresh ones, and retries. */
    public record ClientRoom(ClientId clientId, int fresh, int retries) {
    }

    /**
     * Claims up to {@code limit} deliveries whose next attempt is due, client by client in turn
     * (each client's oldest due first, then each one's second, …), at most as many of each client's
     * as its room says. One statement for every client, without a query per client: each client's
     * due rows are read through the index by client, at most its room of them, and the turns are
     * numbered over those rows alone. {@code SKIP LOCKED} lets instances poll side by side.
     */
    public List<Outgoing> claimDue(List<ClientRoom> rooms, int limit, Instant now, Instant startBy,
            Instant leaseUntil) {
        if (rooms.isEmpty() || limit <= 0) {
            return List.of();
        }
        BatchValues values = new BatchValues();
        rooms.forEach(room -> values.row().value("clientId", room.clientId().value(), "uuid")
                .value("fresh", room.fresh(), "integer").value("retries", room.retries(), "integer"));
        return jdbc.sql("WITH room (client_id, fresh, retries) AS (VALUES " + values + "), "
                + "due AS (" + dueOf(DeliveryStatus.PENDING, "fresh") + " UNION ALL " + dueOf(DeliveryStatus.RETRYING, "retries") + "), "
                + "chosen AS (SELECT ticket_id FROM (SELECT ticket_id, next_attempt_at, row_number() OVER "
                + "(PARTITION BY client_id ORDER BY next_attempt_at) AS turn FROM due) turns "
                + "ORDER BY turn, next_attempt_at LIMIT :limit) "
                + "UPDATE callback_deliveries SET lease_until = :leaseUntil, claim = claim + 1 "
                + "WHERE ticket_id IN (SELECT ticket_id FROM chosen) RETURNING " + OUTGOING_COLUMNS)
                .params(values.params())
                .param("leaseUntil", Timestamp.from(leaseUntil)).param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, row) -> outgoing(rs, startBy))
                .list();
    }

    /** One client's due deliveries in one state, at most its room's {@code column} of them. */
    private static String dueOf(DeliveryStatus status, String column) {
        return "SELECT d.client_id, d.ticket_id, d.next_attempt_at FROM room CROSS JOIN LATERAL (SELECT client_id, "
                + "ticket_id, next_attempt_at FROM callback_deliveries WHERE client_id = room.client_id AND status = '"
                + status + "' AND next_attempt_at <= :now AND " + UNCLAIMED + " ORDER BY next_attempt_at "
                + "LIMIT room." + column + " FOR UPDATE SKIP LOCKED) d";
    }

    /**
     * Starts a fresh retry budget for a delivery with an attempt claimed at once, unless an attempt
     * is claimed or in flight (that one is the redelivery) or one is waiting to be claimed.
     *
     * @return the claimed attempt, or empty when the delivery was left as it was
     */
    public Optional<Outgoing> redeliver(UUID ticketId, Instant now, Instant startBy, Instant leaseUntil) {
        return jdbc.sql("UPDATE callback_deliveries SET status = 'PENDING', budget_start = attempts, "
                + "next_attempt_at = :now, lease_until = :leaseUntil, claim = claim + 1, updated_at = :now "
                + "WHERE ticket_id = :ticketId AND " + REDELIVER.guard("status") + " AND " + UNCLAIMED
                + " RETURNING " + OUTGOING_COLUMNS)
                .param("ticketId", ticketId).param("leaseUntil", Timestamp.from(leaseUntil))
                .param("now", Timestamp.from(now))
                .query((rs, row) -> outgoing(rs, startBy))
                .optional();
    }

    /** Gives claims back that will not be sent here, so that the next poll may claim them at once. */
    public void releaseAll(Collection<Outgoing> claims) {
        BatchValues rows = new BatchValues();
        claims.forEach(claim -> rows.row().value("ticketId", claim.ticketId(), "uuid")
                .value("claim", claim.claim(), "bigint"));
        jdbc.sql("WITH v (ticket_id, claim) AS (VALUES " + rows + ") UPDATE callback_deliveries d "
                + "SET lease_until = NULL FROM v WHERE d.ticket_id = v.ticket_id AND d.claim = v.claim "
                + "AND d." + ATTEMPTABLE)
                .params(rows.params())
                .update();
    }

    /**
     * Stores attempts and the states they lead their deliveries to, one statement for them all.
     * Each row is guarded on its own: an attempt whose claim is no longer current, or whose number
     * is already stored, is left out, and the others are stored.
     *
     * @return how many attempts were stored
     */
    public int recordAll(List<Outgoing.Recorded> recorded) {
        BatchValues rows = new BatchValues();
        for (Outgoing.Recorded attempt : oncePerClaim(recorded)) {
            AttemptResult result = attempt.result();
            rows.row().value("ticketId", attempt.attempted().ticketId(), "uuid")
                    .value("claim", attempt.attempted().claim(), "bigint")
                    .value("status", attempt.status().name(), "varchar").value("attempt", attempt.attempt(), "integer")
                    .value("next", Times.timestamp(attempt.nextAttemptAt()), "timestamptz")
                    .value("at", Timestamp.from(attempt.at()), "timestamptz")
                    .value("code", result.statusCode(), "integer")
                    .value("duration", result.duration().toMillis(), "bigint")
                    .value("outcome", (result.succeeded() ? AttemptOutcome.SUCCEEDED : AttemptOutcome.FAILED).name(),
                            "varchar")
                    .value("error", result.succeeded() ? null : result.describeFailure(), "text");
        }
        return jdbc.sql("WITH v (ticket_id, claim, status, attempt, next_attempt_at, at, status_code, duration_ms, "
                + "outcome, error) AS (VALUES " + rows + "), "
                + "delivery AS (UPDATE callback_deliveries d SET status = v.status, attempts = v.attempt, "
                + "next_attempt_at = v.next_attempt_at, lease_until = NULL, last_attempt_at = v.at, "
                + "last_status_code = v.status_code, updated_at = v.at FROM v "
                + "WHERE d.ticket_id = v.ticket_id AND d.claim = v.claim AND " + OUTCOME_GUARD + " "
                + "AND NOT EXISTS (SELECT 1 FROM callback_attempts a WHERE a.ticket_id = v.ticket_id "
                + "AND a.attempt = v.attempt) RETURNING d.ticket_id, d.claim) "
                + "INSERT INTO callback_attempts (ticket_id, attempt, attempted_at, status_code, duration_ms, outcome, "
                + "error) SELECT v.ticket_id, v.attempt, v.at, v.status_code, v.duration_ms, v.outcome, v.error "
                + "FROM v JOIN delivery ON delivery.ticket_id = v.ticket_id AND delivery.claim = v.claim")
                .params(rows.params())
                .update();
    }

    /** A claim is attempted once; should a copy's outcome come too, the first one counts. */
    private static Collection<Outgoing.Recorded> oncePerClaim(List<Outgoing.Recorded> recorded) {
        Map<Claim, Outgoing.Recorded> byClaim = new LinkedHashMap<>();
        recorded.forEach(attempt -> byClaim.putIfAbsent(
                new Claim(attempt.attempted().ticketId(), attempt.attempted().claim()), attempt));
        return byClaim.values();
    }

    private record Claim(UUID ticketId, long number) {
    }

    /**
     * Deletes up to {@code limit} deliveries that ended (delivered or exhausted) before
     * {@code before}, with their attempts, in one statement. A delivery being redelivered is locked
     * by that, and skipped.
     *
     * @return the tickets whose deliveries were deleted
     */
    public List<UUID> deleteEnded(Instant before, int limit) {
        return jdbc.sql("WITH ended AS (SELECT ticket_id FROM callback_deliveries WHERE status IN ('"
                + DeliveryStatus.DELIVERED + "', '" + DeliveryStatus.EXHAUSTED + "') AND updated_at < :before "
                + "ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED), "
                + "attempts AS (DELETE FROM callback_attempts WHERE ticket_id IN (SELECT ticket_id FROM ended)) "
                + "DELETE FROM callback_deliveries WHERE ticket_id IN (SELECT ticket_id FROM ended) RETURNING ticket_id")
                .param("before", Timestamp.from(before)).param("limit", limit)
                .query(UUID.class)
                .list();
    }

    public Optional<DeliveryView> find(UUID ticketId) {
        return jdbc.sql("SELECT url, status, attempts, last_attempt_at, last_status_code, next_attempt_at "
                + "FROM callback_deliveries WHERE ticket_id = ?")
                .param(ticketId)
                .query((rs, row) -> new DeliveryView(rs.getString("url"), DeliveryStatus.valueOf(rs.getString("status")),
                        rs.getInt("attempts"), Times.instant(rs, "last_attempt_at"),
                        rs.getObject("last_status_code", Integer.class), Times.instant(rs, "next_attempt_at")))
                .optional();
    }

    public List<AttemptView> attempts(UUID ticketId) {
        return jdbc.sql("SELECT attempt, attempted_at, status_code, duration_ms, outcome, error "
                + "FROM callback_attempts WHERE ticket_id = ? ORDER BY attempt")
                .param(ticketId)
                .query((rs, row) -> new AttemptView(rs.getInt("attempt"), rs.getTimestamp("attempted_at").toInstant(),
                        rs.getObject("status_code", Integer.class), rs.getLong("duration_ms"),
                        AttemptOutcome.valueOf(rs.getString("outcome")), rs.getString("error")))
                .list();
    }

    private static Outgoing outgoing(ResultSet rs, Instant startBy) throws SQLException {
        return new Outgoing(rs.getObject("ticket_id", UUID.class), new ClientId(rs.getObject("client_id", UUID.class)),
                rs.getString("url"), rs.getString("body"), rs.getString("trace_parent"), rs.getInt("attempts"),
                rs.getInt("budget_start"), Times.instant(rs, "submitted_at"), rs.getLong("claim"), startBy);
    }
}
