package io.dispatch.callback;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** What one attempt sends: enough to POST without reading the delivery first. */
record Outgoing(UUID ticketId, String url, String body, @Nullable String traceParent) {
}
