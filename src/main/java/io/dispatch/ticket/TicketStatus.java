package io.dispatch.ticket;

import java.util.EnumSet;
import java.util.Set;

import io.dispatch.system.sql.Guards;

/**
 * Where a ticket's work stands, and the moves between: {@code ACCEPTED → PROCESSING → COMPLETED |
 * FAILED}, a take-over of {@code PROCESSING} by a redelivered message, and back to
 * {@code ACCEPTED} when the sweeper hands out work that was lost. Every write of
 * {@link TicketTable} is one of these {@link Move}s, and its guard is the move's states of origin.
 */
public enum TicketStatus {
    ACCEPTED,
    PROCESSING,
    COMPLETED,
    FAILED;

    /** The legal moves, written down once; {@code TicketStatusTest} walks every pair against the table. */
    public enum Move {
        /** A worker claims a ticket for a run. */
        CLAIM(EnumSet.of(ACCEPTED), PROCESSING),
        /** A worker whose message the broker redelivered takes a run over from a worker that is gone. */
        TAKE_OVER(EnumSet.of(PROCESSING), PROCESSING),
        /** A run stores its result. */
        COMPLETE(EnumSet.of(PROCESSING), COMPLETED),
        /** A run stores why it failed. */
        FAIL(EnumSet.of(PROCESSING), FAILED),
        /** The sweeper hands out again a run that was lost, or a published task that never started. */
        HAND_OUT_AGAIN(EnumSet.of(ACCEPTED, PROCESSING), ACCEPTED);

        private final Set<TicketStatus> from;
        private final TicketStatus to;

        Move(Set<TicketStatus> from, TicketStatus to) {
            this.from = from;
            this.to = to;
        }

        public TicketStatus to() {
            return to;
        }

        public boolean startsFrom(TicketStatus status) {
            return from.contains(status);
        }

        /** The guard of the statement that makes this move: {@code status IN (…its states of origin)}. */
        String guard(String column) {
            return Guards.in(column, from);
        }
    }

    /** Whether any move leads from this status to {@code next}. */
    public boolean canMoveTo(TicketStatus next) {
        for (Move move : Move.values()) {
            if (move.startsFrom(this) && move.to() == next) {
                return true;
            }
        }
        return false;
    }

    public boolean isFinished() {
        return this == COMPLETED || this == FAILED;
    }
}
