package io.dispatch.ticket;

import java.time.Instant;

import io.dispatch.client.ClientId;

import org.jspecify.annotations.Nullable;

/**
 * A client's request and what became of it (the talk's "command"), as stored. It only changes
 * through the moves of {@link TicketTable}.
 */
public record Ticket(TicketId id, ClientId clientId, String type, String requestId, String payload, String payloadHash,
        String callbackUrl, TicketStatus status, @Nullable String result, @Nullable String error, long version,
        Instant createdAt, Instant updatedAt) {

    ClaimedTicket claimed() {
        return new ClaimedTicket(id, clientId, type, requestId, createdAt, payload, callbackUrl, version);
    }
}
