package io.dispatch.callback;

import java.util.EnumSet;
import java.util.Set;

import io.dispatch.system.sql.Guards;

/**
 * Where the delivery of a ticket's callback stands, and the moves between:
 * {@code PENDING → RETRYING* → DELIVERED | EXHAUSTED}, and back to {@code PENDING} by a redelivery.
 * Every write of {@link DeliveryTable} on a delivery's status is one of these {@link Move}s, and its
 * guard is the move's states of origin.
 */
public enum DeliveryStatus {
    /** Not attempted yet, or redelivery asked for. */
    PENDING,
    /** An attempt failed; another is scheduled. */
    RETRYING,
    /** A receiver answered 2xx. */
    DELIVERED,
    /** The schedule ran out, or the receiver answered 410 Gone. */
    EXHAUSTED;

    /** The legal moves, written down once; {@code DeliveryStatusTest} walks every pair against the table. */
    public enum Move {
        /** An attempt succeeded. */
        DELIVER(EnumSet.of(PENDING, RETRYING), DELIVERED),
        /** An attempt failed and the schedule has another. */
        RETRY(EnumSet.of(PENDING, RETRYING), RETRYING),
        /** An attempt failed and the schedule has run out, or the receiver said it is gone. */
        EXHAUST(EnumSet.of(PENDING, RETRYING), EXHAUSTED),
        /** A fresh retry budget, attempted at once. */
        REDELIVER(EnumSet.of(RETRYING, DELIVERED, EXHAUSTED), PENDING);

        private final Set<DeliveryStatus> from;
        private final DeliveryStatus to;

        Move(Set<DeliveryStatus> from, DeliveryStatus to) {
            this.from = from;
            this.to = to;
        }

        public DeliveryStatus to() {
            return to;
        }

        public boolean startsFrom(DeliveryStatus status) {
            return from.contains(status);
        }

        /** The guard of the statement that makes this move: {@code status IN (…its states of origin)}. */
        String guard(String column) {
            return Guards.in(column, from);
        }
    }

    /** Whether any move leads from this status to {@code next}. */
    public boolean canMoveTo(DeliveryStatus next) {
        for (Move move : Move.values()) {
            if (move.startsFrom(this) && move.to() == next) {
                return true;
            }
        }
        return false;
    }
}
