package io.dispatch.ticket;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ticket module's door for workers: claim a ticket, then complete or fail it. Each step is a
 * conditional update on the ticket's version, so a message delivered twice or a worker that lost
 * its claim cannot run a ticket twice into two results.
 */
@Service
public class Tickets {

    private final TicketRepository tickets;
    private final Clock clock;

    Tickets(TicketRepository tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    /**
     * Claims a ticket for a run.
     *
     * @param redelivered whether the broker redelivered the message, which lets a run take over a
     *        ticket whose previous worker is gone
     * @return the claimed ticket, or empty when it is running elsewhere or already finished
     * @throws UnknownTicketException when there is no such ticket
     * @throws org.springframework.dao.OptimisticLockingFailureException when another worker claimed it at the same moment
     */
    @Transactional
    public Optional<ClaimedTicket> claim(TicketId id, boolean redelivered) {
        Ticket ticket = tickets.findById(id.value()).orElseThrow(() -> new UnknownTicketException(id));
        if (!ticket.canStart(redelivered)) {
            return Optional.empty();
        }
        ticket.startProcessing(clock.instant());
        tickets.saveAndFlush(ticket);
        return Optional.of(new ClaimedTicket(ticket.id(), ticket.type(), ticket.requestId(), ticket.createdAt(),
                ticket.payload(), ticket.callbackUrl(), ticket.version()));
    }

    /**
     * Stores a run's result, in the caller's transaction.
     *
     * @return false when the claim was lost meanwhile; the result is then discarded
     */
    @Transactional
    public boolean complete(ClaimedTicket claimed, String result) {
        return current(claimed).map(ticket -> {
            ticket.complete(result, clock.instant());
            tickets.saveAndFlush(ticket);
            return true;
        }).orElse(false);
    }

    /** Stores why a run failed, in the caller's transaction; false when the claim was lost. */
    @Transactional
    public boolean fail(ClaimedTicket claimed, String error) {
        return current(claimed).map(ticket -> {
            ticket.fail(error, clock.instant());
            tickets.saveAndFlush(ticket);
            return true;
        }).orElse(false);
    }

    private Optional<Ticket> current(ClaimedTicket claimed) {
        return tickets.findById(claimed.id().value())
                .filter(ticket -> ticket.version() == claimed.version() && ticket.status() == TicketStatus.PROCESSING);
    }
}
