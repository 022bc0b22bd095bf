package io.dispatch.client.limits;

/** How many requests of a client its limits refused, by limit. */
public record Refused(long rateLimited, long tooManyOpenTickets) {

    public static final Refused NONE = new Refused(0, 0);
}
