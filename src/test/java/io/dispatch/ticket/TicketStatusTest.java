package io.dispatch.ticket;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.dispatch.ticket.TicketStatus.ACCEPTED;
import static io.dispatch.ticket.TicketStatus.COMPLETED;
import static io.dispatch.ticket.TicketStatus.FAILED;
import static io.dispatch.ticket.TicketStatus.PROCESSING;
import static org.assertj.core.api.Assertions.assertThat;

/** The ticket's moves as the contract describes them, pair by pair; the table's statements are walked in {@link TicketTableJdbcTest}. */
class TicketStatusTest {

    static final Map<TicketStatus, Set<TicketStatus>> LEGAL = Map.of(
            ACCEPTED, EnumSet.of(PROCESSING, ACCEPTED),
            PROCESSING, EnumSet.of(PROCESSING, COMPLETED, FAILED, ACCEPTED),
            COMPLETED, EnumSet.noneOf(TicketStatus.class),
            FAILED, EnumSet.noneOf(TicketStatus.class));

    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    void movesOnlyAsTheTableSays(TicketStatus from) {
        for (TicketStatus to : TicketStatus.values()) {
            assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(LEGAL.get(from).contains(to));
        }
    }

    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    void aFinishedTicketNeverMovesAgain(TicketStatus status) {
        assertThat(status.isFinished()).isEqualTo(LEGAL.get(status).isEmpty());
    }
}
