package io.dispatch.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.dispatch.InfrastructureConfiguration;
import io.dispatch.TestClients;
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
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Every statement on the callback tables, on the real schema Flyway builds. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ InfrastructureConfiguration.class, DeliveryTable.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class DeliveryTableJdbcTest {

    private static final RetrySchedule SCHEDULE = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(5)), 0);

    @Autowired
    DeliveryTable table;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    private final Instant now = Instant.now();
    private final ClientId client = new ClientId(UUID.randomUUID());

    @BeforeEach
    void client() {
        TestClients.insertRow(jdbc, client);
    }

    @Test
    void oneConflictingOutcomeDoesNotLoseTheOthers() {
        Outgoing first = schedule();
        Outgoing conflicting = schedule();
        Outgoing third = schedule();
        // An attempt row that the conflicting outcome would collide with, written behind the table's back.
        jdbc.sql("INSERT INTO callback_attempts (ticket_id, attempt, attempted_at, duration_ms, outcome) "
                + "VALUES (?, 1, now(), 1, 'FAILED')").param(conflicting.ticketId()).update();

        int stored = table.recordAll(List.of(succeeded(first), succeeded(conflicting), succeeded(third)));

        assertThat(stored).isEqualTo(2);
        assertThat(status(first)).isEqualTo("DELIVERED");
        assertThat(status(conflicting)).isEqualTo("PENDING");
        assertThat(status(third)).isEqualTo("DELIVERED");
    }

    @Test
    void anOutcomeIsStoredOnlyUnderTheCurrentClaim() {
        Outgoing first = schedule();
        Instant afterTheClaim = now.plusSeconds(31);
        Outgoing takenOver = table.claimDue(room(client), 100, afterTheClaim, afterTheClaim.plusSeconds(1),
                afterTheClaim.plusSeconds(30)).stream().filter(o -> o.ticketId().equals(first.ticketId()))
                .findFirst().orElseThrow();

        int staleStored = table.recordAll(List.of(succeeded(first)));
        int currentStored = table.recordAll(List.of(succeeded(takenOver)));

        assertThat(takenOver.claim()).isEqualTo(first.claim() + 1);
        assertThat(staleStored).isZero();
        assertThat(currentStored).isOne();
        assertThat(status(first)).isEqualTo("DELIVERED");
    }

    @Test
    void aDueDeliveryIsClaimedOnceUntilItsClaimRunsItsCourse() {
        Outgoing due = scheduleUnclaimed();

        List<UUID> claimed = claimedNow(now);
        List<UUID> again = claimedNow(now);
        List<UUID> afterTheClaim = claimedNow(now.plusSeconds(31));

        assertThat(claimed).containsExactly(due.ticketId());
        assertThat(again).isEmpty();
        assertThat(afterTheClaim).containsExactly(due.ticketId());
        assertThat(claimOf(due)).isEqualTo(2);
    }

    @Test
    void aClaimGivenBackIsClaimedAgainAtOnceButOnlyIfItIsStillCurrent() {
        Outgoing due = scheduleUnclaimed();
        Outgoing claimed = table.claimDue(room(client), 100, now, now.plusSeconds(1), now.plusSeconds(30)).stream()
                .filter(o -> o.ticketId().equals(due.ticketId())).findFirst().orElseThrow();

        table.releaseAll(List.of(due));
        List<UUID> whileHeld = claimedNow(now);
        table.releaseAll(List.of(claimed));
        List<UUID> released = claimedNow(now);

        assertThat(whileHeld).isEmpty();
        assertThat(released).containsExactly(due.ticketId());
    }

    @Test
    void aRedeliveryWhileAnAttemptIsClaimedOrWaitingChangesNothing() {
        Outgoing inFlight = schedule();
        Outgoing waiting = scheduleUnclaimed();

        assertThat(table.redeliver(inFlight.ticketId(), now, now.plusSeconds(1), now.plusSeconds(30))).isEmpty();
        assertThat(table.redeliver(waiting.ticketId(), now, now.plusSeconds(1), now.plusSeconds(30))).isEmpty();
        assertThat(claimOf(inFlight)).isEqualTo(Outgoing.FIRST_CLAIM);
        assertThat(table.recordAll(List.of(succeeded(inFlight)))).isOne();
    }

    @Test
    void aRedeliveryOfAnEndedDeliveryStartsAFreshBudgetUnderANewClaim() {
        Outgoing first = schedule();
        table.recordAll(List.of(first.after(AttemptResult.answered(410, Duration.ofMillis(3), null), SCHEDULE, now)));

        Outgoing redelivered = table.redeliver(first.ticketId(), now, now.plusSeconds(1), now.plusSeconds(30))
                .orElseThrow();

        assertThat(status(first)).isEqualTo("PENDING");
        assertThat(redelivered.attemptsBefore()).isEqualTo(1);
        assertThat(redelivered.budgetStart()).isEqualTo(1);
        assertThat(redelivered.body()).isEqualTo(first.body());
        assertThat(table.redeliver(first.ticketId(), now, now.plusSeconds(1), now.plusSeconds(30))).isEmpty();
    }

    /**
     * Every pair of states, through the statement that makes the move: a legal move succeeds, and
     * the same statement again is refused; an illegal one is refused and changes nothing.
     */
    @ParameterizedTest
    @EnumSource(DeliveryStatus.class)
    void makesEveryLegalMoveOnceAndRefusesEveryOther(DeliveryStatus from) {
        for (DeliveryStatus to : DeliveryStatus.values()) {
            Outgoing delivery = inState(from);
            BooleanSupplier move = moveTo(delivery, to);
            boolean legal = from.canMoveTo(to);

            assertThat(move.getAsBoolean()).as("%s -> %s", from, to).isEqualTo(legal);
            assertThat(status(delivery)).as("%s -> %s", from, to).isEqualTo((legal ? to : from).name());
            if (legal && from != to) {
                assertThat(move.getAsBoolean()).as("%s -> %s again", from, to).isFalse();
            }
        }
    }

    /** The one statement that writes a move into {@code to}, as the service would call it now. */
    private BooleanSupplier moveTo(Outgoing delivery, DeliveryStatus to) {
        return switch (to) {
            case PENDING -> () -> table.redeliver(delivery.ticketId(), now, now.plusSeconds(1), now.plusSeconds(30))
                    .isPresent();
            case DELIVERED -> recording(delivery, 200);
            case RETRYING -> recording(delivery, 500);
            case EXHAUSTED -> recording(delivery, 410);
        };
    }

    private BooleanSupplier recording(Outgoing delivery, int answer) {
        Outgoing.Recorded recorded = delivery.after(AttemptResult.answered(answer, Duration.ofMillis(3), null),
                SCHEDULE, now);
        return () -> table.recordAll(List.of(recorded)) == 1;
    }

    /** A delivery in a state and under no claim but the one its insert took, which an attempt holds. */
    private Outgoing inState(DeliveryStatus status) {
        Outgoing delivery = schedule();
        jdbc.sql("UPDATE callback_deliveries SET status = ?, lease_until = NULL WHERE ticket_id = ?")
                .param(status.name()).param(delivery.ticketId()).update();
        return delivery;
    }

    /** Claimed with its insert, as a worker stores a delivery due at once. */
    private Outgoing schedule() {
        Outgoing outgoing = outgoing(Outgoing.FIRST_CLAIM);
        transaction.executeWithoutResult(s -> table.scheduleAll(List.of(outgoing), now, now.plusSeconds(30), now));
        return outgoing;
    }

    /** Due, waiting for the poller to claim it. */
    private Outgoing scheduleUnclaimed() {
        return scheduleUnclaimed(client, now.minusSeconds(1));
    }

    private Outgoing scheduleUnclaimed(ClientId clientId) {
        return scheduleUnclaimed(clientId, now.minusSeconds(1));
    }

    private Outgoing scheduleUnclaimed(ClientId clientId, Instant due) {
        Outgoing outgoing = new Outgoing(UUID.randomUUID(), clientId, "http://127.0.0.1:1/cb", "{\"n\":1}", null, 0, 0,
                now, 0, now.plusSeconds(30));
        transaction.executeWithoutResult(s -> table.scheduleAll(List.of(outgoing), due, null, now));
        return outgoing;
    }

    @Test
    void dueDeliveriesAreClaimedClientByClientInTurn() {
        ClientId busy = new ClientId(UUID.randomUUID());
        TestClients.insertRow(jdbc, busy);
        for (int i = 0; i < 30; i++) {
            scheduleUnclaimed(busy, now.minusSeconds(60 - i));
        }
        List<UUID> quiet = List.of(scheduleUnclaimed(client).ticketId(), scheduleUnclaimed(client).ticketId());

        List<Outgoing> claimed = table.claimDue(List.of(new DeliveryTable.ClientRoom(busy, 100, 100),
                new DeliveryTable.ClientRoom(client, 100, 100)), 6, now, now.plusSeconds(1), now.plusSeconds(30));

        // The busy client's backlog, older than the quiet client's deliveries, still gives them their turns.
        assertThat(claimed).hasSize(6);
        assertThat(claimed.stream().map(Outgoing::ticketId)).containsAll(quiet);
        assertThat(claimed.stream().filter(o -> o.clientId().equals(busy))).hasSize(4);
    }

    @Test
    void aClientIsClaimedNoMoreThanItsRoomAndRetriesNoMoreThanTheirs() {
        for (int i = 0; i < 5; i++) {
            scheduleUnclaimed(client);
        }
        Outgoing retrying = scheduleUnclaimed(client);
        jdbc.sql("UPDATE callback_deliveries SET status = 'RETRYING', attempts = 1 WHERE ticket_id = ?")
                .param(retrying.ticketId()).update();

        List<Outgoing> claimed = table.claimDue(List.of(new DeliveryTable.ClientRoom(client, 2, 0)), 100, now,
                now.plusSeconds(1), now.plusSeconds(30));
        List<Outgoing> retries = table.claimDue(List.of(new DeliveryTable.ClientRoom(client, 0, 1)), 100, now,
                now.plusSeconds(1), now.plusSeconds(30));

        assertThat(claimed).hasSize(2).noneMatch(o -> o.ticketId().equals(retrying.ticketId()));
        assertThat(retries).extracting(Outgoing::ticketId).containsExactly(retrying.ticketId());
    }

    @Test
    void retentionDeletesEndedDeliveriesWithTheirAttemptsAndNothingElse() {
        Outgoing delivered = schedule();
        table.recordAll(List.of(succeeded(delivered)));
        Outgoing pending = scheduleUnclaimed();

        List<UUID> deleted = table.deleteEnded(now.plusSeconds(60), 100);

        assertThat(deleted).contains(delivered.ticketId()).doesNotContain(pending.ticketId());
        assertThat(table.find(delivered.ticketId())).isEmpty();
        assertThat(table.attempts(delivered.ticketId())).isEmpty();
        assertThat(table.find(pending.ticketId())).isPresent();
    }

    @Test
    void retentionLeavesADeliveryThatIsBeingRedelivered() throws Exception {
        Outgoing delivered = schedule();
        table.recordAll(List.of(succeeded(delivered)));
        CountDownLatch redelivered = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService redeliverer = Executors.newSingleThreadExecutor();
        try {
            Future<?> redelivery = redeliverer.submit(() -> transaction.executeWithoutResult(status -> {
                assertThat(table.redeliver(delivered.ticketId(), now, now.plusSeconds(1), now.plusSeconds(30)))
                        .isPresent();
                redelivered.countDown();
                awaitQuietly(commit);
            }));
            assertThat(redelivered.await(10, TimeUnit.SECONDS)).isTrue();

            // The redelivery holds the row, uncommitted: retention passes it by instead of waiting.
            List<UUID> whileRedelivering = table.deleteEnded(now.plusSeconds(60), 100);
            commit.countDown();
            redelivery.get(10, TimeUnit.SECONDS);
            List<UUID> afterwards = table.deleteEnded(now.plusSeconds(60), 100);

            assertThat(whileRedelivering).doesNotContain(delivered.ticketId());
            assertThat(afterwards).doesNotContain(delivered.ticketId());
            assertThat(status(delivered)).isEqualTo("PENDING");
        }
        finally {
            commit.countDown();
            redeliverer.shutdown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<DeliveryTable.ClientRoom> room(ClientId clientId) {
        return List.of(new DeliveryTable.ClientRoom(clientId, 100, 100));
    }

    private Outgoing outgoing(long claim) {
        return new Outgoing(UUID.randomUUID(), client, "http://127.0.0.1:1/cb", "{\"n\":1}", null, 0, 0, now, claim,
                now.plusSeconds(30));
    }

    private List<UUID> claimedNow(Instant at) {
        return table.claimDue(room(client), 100, at, at.plusSeconds(1), at.plusSeconds(30)).stream().map(Outgoing::ticketId)
                .filter(this::mine).toList();
    }

    private boolean mine(UUID ticketId) {
        return jdbc.sql("SELECT count(*) FROM callback_deliveries WHERE ticket_id = ? AND client_id = ?")
                .param(ticketId).param(client.value()).query(Long.class).single() == 1;
    }

    private long claimOf(Outgoing outgoing) {
        return jdbc.sql("SELECT claim FROM callback_deliveries WHERE ticket_id = ?").param(outgoing.ticketId())
                .query(Long.class).single();
    }

    private Outgoing.Recorded succeeded(Outgoing outgoing) {
        return outgoing.after(AttemptResult.answered(200, Duration.ofMillis(3), null), SCHEDULE, now);
    }

    private String status(Outgoing outgoing) {
        return jdbc.sql("SELECT status FROM callback_deliveries WHERE ticket_id = ?").param(outgoing.ticketId())
                .query(String.class).single();
    }
}
