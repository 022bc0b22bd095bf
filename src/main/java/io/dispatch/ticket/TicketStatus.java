package io.dispatch.ticket;

/** Where a ticket's work stands: {@code ACCEPTED → PROCESSING → COMPLETED | FAILED}. */
public enum TicketStatus {
    ACCEPTED,
    PROCESSING,
    COMPLETED,
    FAILED;

    boolean isFinished() {
        return this == COMPLETED || this == FAILED;
    }
}
