package io.dispatch.ticket;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.dispatch.InfrastructureConfiguration;
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
        for (ClientId id : new ClientId[] { client, otherClient }) {
            jdbc.sql("INSERT INTO clients (id, name, created_at) VALUES (:id, :name, now())")
                    .param("id", id.value()).param("name", "jdbc-" + id).update();
        }
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
        assertThat(store.find(client, "echo-test", requestId)).map(Ticket::id).isEqualTo(first.map(Ticket::id));
        assertThat(store.find(otherClient, "echo-test", requestId)).map(Ticket::id)
                .isEqualTo(otherClientsOwn.map(Ticket::id));
    }

    @Test
    void findsATicketOnlyForItsClientOrAnOperator() {
        UUID id = accept(client, "echo-test", "req-" + UUID.randomUUID()).orElseThrow().id();

        assertThat(store.find(id, caller(client))).isPresent();
        assertThat(store.find(id, operator)).isPresent();
        assertThat(store.find(id, caller(otherClient))).isEmpty();
    }

    @Test
    void runsFromAcceptedThroughProcessingToCompleted() {
        UUID id = accept("echo-test", "req-" + UUID.randomUUID()).orElseThrow().id();

        Ticket claimed = store.claim(id, false, now).orElseThrow();
        boolean completed = store.complete(id, claimed.version(), "{\"ok\":true}", now);

        assertThat(claimed.status()).isEqualTo(TicketStatus.PROCESSING);
        assertThat(completed).isTrue();
        Ticket stored = store.find(id, operator).orElseThrow();
        assertThat(stored.status()).isEqualTo(TicketStatus.COMPLETED);
        assertThat(stored.result()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void failsWithAReason() {
        UUID id = accept("echo-test", "req-" + UUID.randomUUID()).orElseThrow().id();
        Ticket claimed = store.claim(id, false, now).orElseThrow();

        assertThat(store.fail(id, claimed.version(), "boom", now)).isTrue();

        assertThat(store.find(id, operator).orElseThrow()).satisfies(t -> {
            assertThat(t.status()).isEqualTo(TicketStatus.FAILED);
            assertThat(t.error()).isEqualTo("boom");
        });
    }

    @Test
    void letsOnlyOneOfTwoCopiesOfAMessageClaimATicket() {
        UUID id = accept("echo-test", "req-" + UUID.randomUUID()).orElseThrow().id();

        assertThat(store.claim(id, false, now)).isPresent();
        assertThat(store.claim(id, false, now)).isEmpty();
    }

    @Test
    void letsARedeliveredMessageTakeOverAndFencesOffTheWorkerThatLostTheClaim() {
        UUID id = accept("echo-test", "req-" + UUID.randomUUID()).orElseThrow().id();
        Ticket lost = store.claim(id, false, now).orElseThrow();

        Ticket takenOver = store.claim(id, true, now).orElseThrow();

        assertThat(store.complete(id, lost.version(), "{\"from\":\"the worker that lost\"}", now)).isFalse();
        assertThat(store.complete(id, takenOver.version(), "{\"from\":\"the new holder\"}", now)).isTrue();
        assertThat(store.find(id, operator).orElseThrow().result()).isEqualTo("{\"from\":\"the new holder\"}");
    }

    @Test
    void refusesTransitionsFromTheWrongState() {
        UUID id = accept("echo-test", "req-" + UUID.randomUUID()).orElseThrow().id();

        assertThat(store.complete(id, 0, "{}", now)).as("complete before claim").isFalse();
        Ticket claimed = store.claim(id, false, now).orElseThrow();
        assertThat(store.complete(id, claimed.version(), "{}", now)).isTrue();
        assertThat(store.fail(id, claimed.version() + 1, "late", now)).as("fail after complete").isFalse();
        assertThat(store.claim(id, true, now)).as("claim after complete").isEmpty();
        assertThat(store.find(id, operator).orElseThrow().status()).isEqualTo(TicketStatus.COMPLETED);
    }

    private Optional<Ticket> accept(String type, String requestId) {
        return accept(client, type, requestId);
    }

    private Optional<Ticket> accept(ClientId owner, String type, String requestId) {
        return store.accept(UUID.randomUUID(), owner, type, requestId, "{}", "hash", "http://127.0.0.1/callback", now);
    }

    private static Caller caller(ClientId clientId) {
        return new Caller(clientId, "key");
    }
}
