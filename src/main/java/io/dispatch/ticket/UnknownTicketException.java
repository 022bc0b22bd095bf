package io.dispatch.ticket;

/** A task message names a ticket the store does not have. */
public class UnknownTicketException extends RuntimeException {

    UnknownTicketException(TicketId id) {
        super("no ticket " + id);
    }
}
