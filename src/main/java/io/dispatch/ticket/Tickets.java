package io.dispatch.ticket;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * The ticket module's door for workers: claim a ticket, then complete or fail it. Each step is a
 * conditional update on the ticket's status and version, so a message delivered twice or a worker
 * that lost its claim cannot run a ticket twice into two results.
 */
@Service
public class Tickets {

    private final TicketStore store;
    private final Clock clock;

    Tickets(TicketStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Claims a ticket for a run.
     *
     * @param redelivered whether the broker redelivered the message, which lets a run take over a
     *        ticket whose previous worker is gone
     * @return the claimed ticket, or empty when it is running elsewhere or already finished
     * @throws UnknownTicketException when there is no such ticket
     */
    public Optional<ClaimedTicket> claim(TicketId id, boolean redelivered) {
        Optional<Ticket> claimed = store.claim(id.value(), redelivered, clock.instant());
        if (claimed.isEmpty() && !store.exists(id.value())) {
            throw new UnknownTicketException(id);
        }
        return claimed.map(ticket -> new ClaimedTicket(id, ticket.clientId(), ticket.type(), ticket.requestId(), ticket.createdAt(),
                ticket.payload(), ticket.callbackUrl(), ticket.version()));
    }

    /**
     * Stores a run's result; in the caller's transaction when there is one.
     *
     * @return false when the claim was lost meanwhile; the result is then discarded
     */
    public boolean complete(ClaimedTicket claimed, String result) {
        return store.complete(claimed.id().value(), claimed.version(), result, clock.instant());
    }

    /** Stores why a run failed; false when the claim was lost meanwhile. */
    public boolean fail(ClaimedTicket claimed, String error) {
        return store.fail(claimed.id().value(), claimed.version(), error, clock.instant());
    }
}
