package io.dispatch.callback;

/** Where the delivery of a ticket's callback stands. */
public enum DeliveryStatus {
    /** Not attempted yet, or redelivery asked for. */
    PENDING,
    /** An attempt failed; another is scheduled. */
    RETRYING,
    /** A receiver answered 2xx. */
    DELIVERED,
    /** The schedule ran out, or the receiver answered 410 Gone. */
    EXHAUSTED
}
