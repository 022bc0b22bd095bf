package io.dispatch.ticket;

import java.time.Instant;

/**
 * A ticket a worker has claimed for a run.
 *
 * @param submittedAt when the client submitted the ticket
 * @param payload the use case's payload as JSON
 * @param version the ticket's version after the claim; finishing the run requires it unchanged
 */
public record ClaimedTicket(TicketId id, String type, String requestId, Instant submittedAt, String payload,
        String callbackUrl, long version) {
}
