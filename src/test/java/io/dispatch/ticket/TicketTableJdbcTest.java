package io.dispatch.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.dispatch.InfrastructureConfiguration;
import io.dispatch.TestClients;
import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/** The ticket's state machine, guarded by the database: every move on the real schema Flyway builds. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ InfrastructureConfiguration.class, TicketTable.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class TicketTableJdbcTest {

    @Autowired
    TicketTable table;

    @Autowired
    JdbcClient jdbc;

    private final Instant now = Instant.now();
    private final ClientId client = new ClientId(UUID.randomUUID());
    private final ClientId otherClient = new ClientId(UUID.randomUUID());
    private final Caller operator = new Caller(null, "admin");

    @BeforeEach
    void clients() {
        TestClients.insertRow(jdbc, client);
        TestClients.insertRow(jdbc, otherClient);
    }

    @Test
    void acceptsATicketOncePerClientTypeAndRequestId() {
        String requestId = "req-" + UUID.randomUUID();

        Optional<Ticket> first = accept(client, "echo-test", requestId);
        Optional<Ticket> again = accept(client, "echo-test", requestId);
        Optional<Ticket> otherType = accept(client, "always-fails", requestId);
        Optional<Ticket> otherClientsOwn = accept(otherClient, "echo-test", requestId);

        assertThat(first).hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(TicketStatus.ACCEPTED));
        assertThat(again).isEmpty();
        assertThat(otherType).isPresent();
        assertThat(otherClientsOwn).isPresent().get().extracting(Ticket::id).isNotEqualTo(first.orElseThrow().id());
        assertThat(table.findAll(List.of(submission(client, "echo-test", requestId),
                submission(otherClient, "echo-test", requestId)))).extracting(Ticket::id)
                .containsExactlyInAnyOrder(first.orElseThrow().id(), otherClientsOwn.orElseThrow().id());
    }

    @Test
    void makesOneTicketOfTwoIdenticalSubmissionsInOneStatement() {
        String requestId = "req-" + UUID.randomUUID();

        List<Ticket> made = table.acceptAll(List.of(submission(client, "echo-test", requestId),
                submission(client, "echo-test", requestId), submission(client, "echo-test", "req-" + UUID.randomUUID())),
                now);

        assertThat(made).hasSize(2).extracting(Ticket::requestId).contains(requestId);
    }

    @Test
    void findsATicketOnlyForItsClientOrAnOperator() {
        TicketId id = accepted();

        assertThat(table.find(id, new Caller(client, "key"))).isPresent();
        assertThat(table.find(id, operator)).isPresent();
        assertThat(table.find(id, new Caller(otherClient, "key"))).isEmpty();
        assertThat(table.existing(List.of(id, TicketId.random()))).containsExactly(id);
    }

    @Test
    void runsABatchFromAcceptedThroughProcessingToCompletedOrFailed() {
        TicketId completes = accepted();
        TicketId fails = accepted();

        List<ClaimedTicket> claimed = table.claimAll(List.of(completes, fails), List.of(), now);
        Set<TicketId> stored = table.finishAll(Map.of(claimed(claimed, completes), RunOutcome.completed("{\"ok\":true}"),
                claimed(claimed, fails), RunOutcome.failed("boom")), now);

        assertThat(stored).containsExactlyInAnyOrder(completes, fails);
        assertThat(table.find(completes, operator).orElseThrow()).satisfies(t -> {
            assertThat(t.status()).isEqualTo(TicketStatus.COMPLETED);
            assertThat(t.result()).isEqualTo("{\"ok\":true}");
        });
        assertThat(table.find(fails, operator).orElseThrow()).satisfies(t -> {
            assertThat(t.status()).isEqualTo(TicketStatus.FAILED);
            assertThat(t.error()).isEqualTo("boom");
        });
    }

    @Test
    void letsARedeliveredMessageTakeOverAndFencesOffTheWorkerThatLostTheClaim() {
        TicketId id = accepted();
        TicketId other = accepted();
        List<ClaimedTicket> lost = table.claimAll(List.of(id, other), List.of(), now);

        List<ClaimedTicket> takenOver = table.claimAll(List.of(id, other), List.of(id), now);

        assertThat(takenOver).extracting(ClaimedTicket::id).containsExactly(id);
        assertThat(finish(claimed(lost, id), RunOutcome.completed("{}"))).isEmpty();
        assertThat(finish(claimed(takenOver, id), RunOutcome.completed("{}"))).containsExactly(id);
        assertThat(finish(claimed(lost, other), RunOutcome.completed("{}"))).containsExactly(other);
    }

    @Test
    void handsOutAgainOnlyWorkThatWasLost() {
        TicketId lostRun = inState(TicketStatus.PROCESSING, now.minusSeconds(3600));
        TicketId running = inState(TicketStatus.PROCESSING, now);
        TicketId neverStarted = inState(TicketStatus.ACCEPTED, now.minusSeconds(3600));

        table.handOutLostWork(now.minusSeconds(60));

        assertThat(status(lostRun)).isEqualTo(TicketStatus.ACCEPTED);
        assertThat(status(running)).isEqualTo(TicketStatus.PROCESSING);
        assertThat(status(neverStarted)).isEqualTo(TicketStatus.ACCEPTED);
        assertThat(table.markForRelay(round(now.plusSeconds(1), 1000))).extracting(TicketTable.Unpublished::id)
                .contains(lostRun, neverStarted);
    }

    @Test
    void relaysWaitingTicketsClientByClientInTurn() {
        List<TicketId> backlog = accepted(client, 5, now.minusSeconds(60));
        TicketId other = accepted(otherClient, 1, now.minusSeconds(30)).get(0);

        List<TicketId> relayed = table.markForRelay(round(now, 1000)).stream().map(TicketTable.Unpublished::id).toList();

        // Whatever else waits in the shared database: the other client's one ticket goes out in the
        // first turn, ahead of the backlog's second, though it was accepted after all of it.
        assertThat(relayed).containsAll(backlog).contains(other);
        assertThat(relayed.indexOf(other)).isLessThan(relayed.indexOf(backlog.get(1)));
        assertThat(relayed.indexOf(backlog.get(0))).isLessThan(relayed.indexOf(backlog.get(1)));
    }

    @Test
    void relaysAClientOnlyWhatFitsInItsShareOfTheWorkQueues() {
        List<TicketId> queued = accepted(client, 3, now.minusSeconds(90));
        table.markPublished(queued);
        List<TicketId> waiting = accepted(client, 5, now.minusSeconds(60));
        List<TicketId> others = accepted(otherClient, 5, now.minusSeconds(60));

        List<TicketId> relayed = relayedOf(List.of(client, otherClient), round(now, 4));

        // Three of the client's four places are taken: one more goes out, its oldest; the other
        // client has all four.
        assertThat(relayed).containsExactlyInAnyOrder(waiting.get(0), others.get(0), others.get(1), others.get(2),
                others.get(3));
        // What a round marks is queued too: both are full until workers claim.
        assertThat(relayedOf(List.of(client, otherClient), round(now, 4))).isEmpty();
        table.claimAll(queued, List.of(), now);
        assertThat(relayedOf(List.of(client, otherClient), round(now, 4)))
                .containsExactly(waiting.get(1), waiting.get(2), waiting.get(3));
    }

    @Test
    void takesTheTicketsIntakeHeldBackWithoutWaitingForTheFastPathsGrace() {
        TicketId held = accepted(client, 1, now.minusMillis(500)).get(0);
        TicketId justHeld = accepted(client, 1, now.minusMillis(100)).get(0);
        TicketId fastPath = accepted(otherClient, 1, now.minusMillis(500)).get(0);

        List<TicketId> relayed = relayedOf(List.of(client, otherClient), new TicketTable.RelayRound(now, 1000, 1000,
                now.minusSeconds(5), Set.of(client), now.minusMillis(300)));

        assertThat(relayed).containsExactly(held);
        assertThat(List.of(justHeld, fastPath)).allSatisfy(id -> assertThat(status(id)).isEqualTo(TicketStatus.ACCEPTED));
    }

    @Test
    void deletesOnlyTicketsWhoseWorkHasFinished() {
        Map<TicketStatus, TicketId> byStatus = new EnumMap<>(TicketStatus.class);
        for (TicketStatus status : TicketStatus.values()) {
            byStatus.put(status, inState(status, now));
        }

        int deleted = table.deleteFinished(byStatus.values());

        assertThat(deleted).isEqualTo(2);
        byStatus.forEach((status, id) -> assertThat(table.find(id, operator)).as(status.name())
                .matches(found -> found.isPresent() != status.isFinished()));
    }

    /**
     * Every pair of states, through the statement that makes the move: a legal move succeeds, and
     * the same statement again is refused; an illegal one is refused and changes nothing.
     */
    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    void makesEveryLegalMoveOnceAndRefusesEveryOther(TicketStatus from) {
        for (TicketStatus to : TicketStatus.values()) {
            TicketId id = inState(from, now.minusSeconds(3600));
            BooleanSupplier move = moveTo(id, to);
            boolean legal = from.canMoveTo(to);

            assertThat(move.getAsBoolean()).as("%s -> %s", from, to).isEqualTo(legal);
            assertThat(status(id)).as("%s -> %s", from, to).isEqualTo(legal ? to : from);
            if (legal && from != to) {
                assertThat(move.getAsBoolean()).as("%s -> %s again", from, to).isFalse();
            }
        }
    }

    /** The one statement that writes a move into {@code to}, as the service would call it for this ticket now. */
    private BooleanSupplier moveTo(TicketId id, TicketStatus to) {
        Ticket ticket = table.find(id, operator).orElseThrow();
        List<TicketId> redelivered = ticket.status() == TicketStatus.PROCESSING ? List.of(id) : List.of();
        return switch (to) {
            case PROCESSING -> () -> !table.claimAll(List.of(id), redelivered, now).isEmpty();
            case COMPLETED -> () -> finish(ticket.claimed(), RunOutcome.completed("{}")).contains(id);
            case FAILED -> () -> finish(ticket.claimed(), RunOutcome.failed("boom")).contains(id);
            case ACCEPTED -> () -> handOutAgain(id);
        };
    }

    private boolean handOutAgain(TicketId id) {
        long versionBefore = version(id);
        table.handOutLostWork(now);
        return version(id) > versionBefore;
    }

    /** A ticket in a state, as if it reached it at {@code at}: claimed then, or published then and never started. */
    private TicketId inState(TicketStatus status, Instant at) {
        TicketId id = accepted();
        jdbc.sql("UPDATE tickets SET status = :status, claimed_at = :at, published_at = :at, version = 1 WHERE id = :id")
                .param("status", status.name()).param("at", Timestamp.from(at)).param("id", id.value()).update();
        return id;
    }

    private TicketStatus status(TicketId id) {
        return table.find(id, operator).orElseThrow().status();
    }

    private long version(TicketId id) {
        return table.find(id, operator).orElseThrow().version();
    }

    private Set<TicketId> finish(ClaimedTicket ticket, RunOutcome outcome) {
        return table.finishAll(Map.of(ticket, outcome), now);
    }

    private static ClaimedTicket claimed(List<ClaimedTicket> claimed, TicketId id) {
        return claimed.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    private TicketId accepted() {
        return accept(client, "echo-test", "req-" + UUID.randomUUID()).orElseThrow().id();
    }

    private Optional<Ticket> accept(ClientId owner, String type, String requestId) {
        return table.acceptAll(List.of(submission(owner, type, requestId)), now).stream().findFirst();
    }

    private static TicketTable.NewTicket submission(ClientId owner, String type, String requestId) {
        return new TicketTable.NewTicket(TicketId.random(), owner, type, requestId, "{}", "hash",
                "http://127.0.0.1/callback");
    }

    private TicketTable.RelayRound round(Instant graceBefore, int queuedPerClient) {
        return new TicketTable.RelayRound(now, 1000, queuedPerClient, graceBefore, Set.of(), now);
    }

    /** What a relay round took of these clients' tickets: the shared database may hold others'. */
    private List<TicketId> relayedOf(List<ClientId> owners, TicketTable.RelayRound round) {
        List<TicketId> relayed = table.markForRelay(round).stream().map(TicketTable.Unpublished::id).toList();
        Set<UUID> owned = Set.copyOf(jdbc.sql("SELECT id FROM tickets WHERE client_id IN (:owners)")
                .param("owners", owners.stream().map(ClientId::value).toList())
                .query(UUID.class).list());
        return relayed.stream().filter(id -> owned.contains(id.value())).toList();
    }

    private List<TicketId> accepted(ClientId owner, int count, Instant at) {
        List<TicketId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(table.acceptAll(List.of(submission(owner, "echo-test", "req-" + UUID.randomUUID())),
                    at.plusMillis(i)).get(0).id());
        }
        return ids;
    }
}
