package io.dispatch.intake;

import java.util.UUID;

import io.dispatch.ticket.TicketStatus;

/** The answer to a submission. */
record AcceptedTicket(UUID ticketId, String requestId, String type, TicketStatus status, String statusUrl) {
}
