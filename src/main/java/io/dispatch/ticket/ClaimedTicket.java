package io.dispatch.ticket;

import java.time.Instant;

import io.dispatch.client.ClientId;

/**
 * A ticket a worker has claimed for a run.
 *
 * @param clientId the client the ticket belongs to, whose secrets sign its callback
 * @param submittedAt when the client submitted the ticket
 * @param payload the use case's payload as JSON
 * @param version the ticket's version after the claim; finishing the run requires it unchanged
 */
public record ClaimedTicket(TicketId id, ClientId clientId, String type, String requestId, Instant submittedAt, String payload,
        String callbackUrl, long version) {
}
