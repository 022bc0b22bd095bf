package io.dispatch.callback;

import java.time.Instant;
import java.util.UUID;

import io.dispatch.client.ClientId;

import org.jspecify.annotations.Nullable;

/**
 * What to tell a receiver when a ticket's work ends.
 *
 * @param ticketId the ticket, also the {@code webhook-id} of every attempt
 * @param clientId the ticket's client, whose secrets sign the callback
 * @param submittedAt when the ticket was submitted, to measure the delivery lag
 * @param url where to POST
 * @param type the event type, {@code <task type>.completed} or {@code <task type>.failed}
 * @param data the event's {@code data}, serialized as JSON
 * @param traceParent the W3C {@code traceparent} of the trace the ticket was submitted in, sent with every attempt
 */
public record CallbackEvent(UUID ticketId, ClientId clientId, Instant submittedAt, String url, String type, Object data,
        @Nullable String traceParent) {
}
