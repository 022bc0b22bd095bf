package io.dispatch.ticket;

import java.time.Instant;
import java.util.UUID;

import io.dispatch.InfrastructureConfiguration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ticket table's guards, on the real PostgreSQL schema that Flyway builds. */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(InfrastructureConfiguration.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class TicketRepositoryJpaTest {

    @Autowired
    TicketRepository tickets;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void insertsATicketOncePerTypeAndRequestId() {
        String requestId = "req-" + UUID.randomUUID();

        int first = insert(UUID.randomUUID(), "echo-test", requestId);
        int again = insert(UUID.randomUUID(), "echo-test", requestId);
        int otherType = insert(UUID.randomUUID(), "always-fails", requestId);

        assertThat(first).isEqualTo(1);
        assertThat(again).isZero();
        assertThat(otherType).isEqualTo(1);
        assertThat(tickets.findByRequestIdOrderByCreatedAt(requestId)).hasSize(2);
    }

    @Test
    void letsOnlyOneOfTwoConcurrentHoldersMoveATicket() {
        UUID id = UUID.randomUUID();
        insert(id, "echo-test", "req-" + id);
        Ticket first = tickets.findById(id).orElseThrow();
        Ticket second = tickets.findById(id).orElseThrow();

        first.startProcessing(Instant.now());
        tickets.saveAndFlush(first);
        second.startProcessing(Instant.now());

        assertThatThrownBy(() -> tickets.saveAndFlush(second)).isInstanceOf(ObjectOptimisticLockingFailureException.class);
        assertThat(tickets.findById(id).orElseThrow().status()).isEqualTo(TicketStatus.PROCESSING);
    }

    private int insert(UUID id, String type, String requestId) {
        return transaction.execute(status -> tickets.insertIfAbsent(id, type, requestId, "{}", "hash",
                "http://127.0.0.1/callback", Instant.now()));
    }
}
