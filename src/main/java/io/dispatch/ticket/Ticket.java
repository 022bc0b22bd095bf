package io.dispatch.ticket;

import java.time.Instant;
import java.util.UUID;

import io.dispatch.client.ClientId;

import org.jspecify.annotations.Nullable;

/**
 * A client's request and what became of it (the talk's "command"), as stored. It only changes
 * through {@link TicketStore}'s transitions.
 */
record Ticket(UUID id, ClientId clientId, String type, String requestId, String payload, String payloadHash, String callbackUrl,
        TicketStatus status, @Nullable String result, @Nullable String error, long version, Instant createdAt,
        Instant updatedAt) {

    TicketId ticketId() {
        return new TicketId(id);
    }
}
