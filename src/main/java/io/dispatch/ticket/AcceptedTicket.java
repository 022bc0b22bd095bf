package io.dispatch.ticket;

import java.util.UUID;

/** The answer to a submission. */
record AcceptedTicket(UUID ticketId, String requestId, String type, TicketStatus status, String statusUrl) {
}
