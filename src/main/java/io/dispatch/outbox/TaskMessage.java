package io.dispatch.outbox;

import java.util.UUID;

/**
 * The message that asks a worker to run a ticket. It carries only the id: the worker finds the
 * ticket (the talk's "command") in the store, so a message is small and never stale.
 *
 * @param ticketId the ticket to run
 * @param type its task type, also the routing key
 */
public record TaskMessage(UUID ticketId, String type) {

    /** The exchange tasks are published to, routed by task type. */
    public static final String EXCHANGE = "dispatch.tasks";

    /** The header naming the message format's version, for readers of another version. */
    public static final String SCHEMA_HEADER = "dispatch-schema-version";

    public static final int SCHEMA_VERSION = 1;

    /** The header with the W3C trace context of the submission, which the run and the callback carry on. */
    public static final String TRACE_HEADER = "traceparent";
}
