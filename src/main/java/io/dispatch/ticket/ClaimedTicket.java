package io.dispatch.ticket;

/**
 * A ticket a worker has claimed for a run.
 *
 * @param payload the use case's payload as JSON
 * @param version the ticket's version after the claim; finishing the run requires it unchanged
 */
public record ClaimedTicket(TicketId id, String type, String requestId, String payload, String callbackUrl,
        long version) {
}
