package io.dispatch.ticket;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ticket's state machine: only the named transitions move it, and only from the right state. */
class TicketTest {

    private final Instant now = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void runsFromAcceptedThroughProcessingToCompleted() {
        Ticket ticket = ticket(TicketStatus.ACCEPTED);

        ticket.startProcessing(now);
        ticket.complete("{\"ok\":true}", now);

        assertThat(ticket.status()).isEqualTo(TicketStatus.COMPLETED);
        assertThat(ticket.result()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void failsWithAReason() {
        Ticket ticket = ticket(TicketStatus.PROCESSING);

        ticket.fail("boom", now);

        assertThat(ticket.status()).isEqualTo(TicketStatus.FAILED);
        assertThat(ticket.error()).isEqualTo("boom");
    }

    @Test
    void startsOnlyWhenAcceptedOrTakenOverByARedeliveredMessage() {
        assertThat(ticket(TicketStatus.ACCEPTED).canStart(false)).isTrue();
        assertThat(ticket(TicketStatus.PROCESSING).canStart(false)).isFalse();
        assertThat(ticket(TicketStatus.PROCESSING).canStart(true)).isTrue();
        assertThat(ticket(TicketStatus.COMPLETED).canStart(true)).isFalse();
        assertThat(ticket(TicketStatus.FAILED).canStart(true)).isFalse();
    }

    @Test
    void refusesTransitionsFromTheWrongState() {
        assertThatThrownBy(() -> ticket(TicketStatus.ACCEPTED).complete("{}", now))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ticket(TicketStatus.COMPLETED).fail("late", now))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ticket(TicketStatus.COMPLETED).startProcessing(now))
                .isInstanceOf(IllegalStateException.class);
    }

    private static Ticket ticket(TicketStatus status) {
        Ticket ticket = new Ticket();
        ReflectionTestUtils.setField(ticket, "status", status);
        return ticket;
    }
}
