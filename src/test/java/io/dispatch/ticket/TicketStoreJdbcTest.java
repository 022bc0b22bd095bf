package io.dispatch.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.dispatch.InfrastructureConfiguration;
import io.dispatch.TestClients;
import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/** The ticket's state machine, guarded by the database: every transition on the real schema Flyway builds. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ InfrastructureConfiguration.class, TicketStore.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class TicketStoreJdbcTest {

    @Autowired
    TicketStore store;

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
        assertThat(store.findAll(List.of(submission(client, "echo-test", requestId),
                submission(otherClient, "echo-test", requestId)))).extracting(Ticket::id)
                .containsExactlyInAnyOrder(first.orElseThrow().id(), otherClientsOwn.orElseThrow().id());
    }

    @Test
    void makesOneTicketOfTwoIdenticalSubmissionsInOneStatement() {
        String requestId = "req-" + UUID.randomUUID();

        List<Ticket> made = store.acceptAll(List.of(submission(client, "echo-test", requestId),
                submission(client, "echo-test", requestId), submission(client, "echo-test", "req-" + UUID.randomUUID())),
                now);

        assertThat(made).hasSize(2).extracting(Ticket::requestId).contains(requestId);
    }

    @Test
    void findsATicketOnlyForItsClientOrAnOperator() {
        UUID id = accept(client, "echo-test", "req-" + UUID.randomUUID()).orElseThrow().id();

        assertThat(store.find(id, caller(client))).isPresent();
        assertThat(store.find(id, operator)).isPresent();
        assertThat(store.find(id, caller(otherClient))).isEmpty();
    }

    @Test
    void runsABatchFromAcceptedThroughProcessingToCompletedOrFailed() {
        UUID completes = accept("echo-test", "req-" + UUID.randomUUID()).orElseThrow().id();
        UUID fails = accept("echo-test", "req-" + UUID.randomUUID()).orElseThrow().id();

        List<Ticket> claimed = store.claimAll(List.of(completes, fails), List.of(), now);
        Set<UUID> stored = store.finishAll(List.of(outcome(claimed, completes, TicketStatus.COMPLETED),
                outcome(claimed, fails, TicketStatus.FAILED)), now);

        assertThat(claimed).extracting(Ticket::status).containsOnly(TicketStatus.PROCESSING);
        assertThat(stored).containsExactlyInAnyOrder(completes, fails);
        assertThat(store.find(completes, operator).orElseThrow()).satisfies(t -> {
            assertThat(t.status()).isEqualTo(TicketStatus.COMPLETED);
            assertThat(t.result()).isEqualTo("{\"ok\":true}");
        });
        assertThat(store.find(fails, operator).orElseThrow()).satisfies(t -> {
            assertThat(t.status()).isEqualTo(TicketStatus.FAILED);
            assertThat(t.error()).isEqualTo("boom");
        });
    }

    @Test
    void letsOnlyOneOfTwoCopiesOfAMessageClaimATicket() {
        UUID id = accept("echo-test", "req-" + UUID.randomUUID()).orElseThrow().id();

        assertThat(store.claimAll(List.of(id), List.of(), now)).hasSize(1);
        assertThat(store.claimAll(List.of(id), List.of(), now)).isEmpty();
    }

    @Test
    void letsARedeliveredMessageTakeOverAndFencesOffTheWorkerThatLostTheClaim() {
        UUID id = accept("echo-test", "req-" + UUID.randomUUID()).orElseThrow().id();
        UUID other = accept("echo-test", "req-" + UUID.randomUUID()).orElseThrow().id();
        List<Ticket> lost = store.claimAll(List.of(id, other), List.of(), now);

        List<Ticket> takenOver = store.claimAll(List.of(id, other), List.of(id), now);

        assertThat(takenOver).extracting(Ticket::id).containsExactly(id);
        assertThat(store.finishAll(List.of(outcome(lost, id, TicketStatus.COMPLETED)), now)).isEmpty();
        assertThat(store.finishAll(List.of(outcome(takenOver, id, TicketStatus.COMPLETED)), now)).containsExactly(id);
        assertThat(store.finishAll(List.of(outcome(lost, other, TicketStatus.COMPLETED)), now)).containsExactly(other);
    }

    @Test
    void refusesTransitionsFromTheWrongState() {
        UUID id = accept("echo-test", "req-" + UUID.randomUUID()).orElseThrow().id();

        assertThat(store.finishAll(List.of(new TicketStore.Outcome(id, 0, TicketStatus.COMPLETED, "{}", null)), now))
                .as("finish before claim").isEmpty();
        List<Ticket> claimed = store.claimAll(List.of(id), List.of(), now);
        assertThat(store.finishAll(List.of(outcome(claimed, id, TicketStatus.COMPLETED)), now)).containsExactly(id);
        assertThat(store.finishAll(List.of(new TicketStore.Outcome(id, claimed.get(0).version() + 1,
                TicketStatus.FAILED, null, "late")), now)).as("fail after complete").isEmpty();
        assertThat(store.claimAll(List.of(id), List.of(id), now)).as("claim after complete").isEmpty();
        assertThat(store.find(id, operator).orElseThrow().status()).isEqualTo(TicketStatus.COMPLETED);
        assertThat(store.existing(List.of(id, UUID.randomUUID()))).containsExactly(id);
    }

    private static TicketStore.Outcome outcome(List<Ticket> claimed, UUID id, TicketStatus status) {
        Ticket ticket = claimed.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
        return status == TicketStatus.COMPLETED
                ? new TicketStore.Outcome(id, ticket.version(), status, "{\"ok\":true}", null)
                : new TicketStore.Outcome(id, ticket.version(), status, null, "boom");
    }

    private Optional<Ticket> accept(String type, String requestId) {
        return accept(client, type, requestId);
    }

    private Optional<Ticket> accept(ClientId owner, String type, String requestId) {
        return store.acceptAll(List.of(submission(owner, type, requestId)), now).stream().findFirst();
    }

    private static TicketStore.NewTicket submission(ClientId owner, String type, String requestId) {
        return new TicketStore.NewTicket(UUID.randomUUID(), owner, type, requestId, "{}", "hash",
                "http://127.0.0.1/callback");
    }

    private static Caller caller(ClientId clientId) {
        return new Caller(clientId, "key");
    }
}
