package io.dispatch.tracking;

import java.time.Instant;
import java.util.UUID;

import io.dispatch.callback.DeliveryView;
import io.dispatch.ticket.TicketStatus;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** A ticket as {@code GET /api/v1/tickets/{id}} shows it, and the dashboard. */
public record TicketView(UUID ticketId, String requestId, String type, UUID clientId, TicketStatus status, Instant createdAt,
        Instant updatedAt, @Nullable JsonNode result, @Nullable String error, DeliveryView callback) {
}
