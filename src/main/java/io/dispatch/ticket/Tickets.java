package io.dispatch.ticket;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The ticket module's door for workers: claim a batch of tickets, then store their outcomes. Each
 * step is one conditional statement for the whole batch, guarded per ticket by its status and
 * version, so a message delivered twice or a worker that lost its claim cannot run a ticket twice
 * into two results. Batching changes how many tickets a statement carries, never the guard.
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
     * Claims tickets for a run.
     *
     * @param redelivered those whose message the broker redelivered, which lets a run take over a
     *        ticket whose previous worker is gone
     * @return the tickets claimed; the others run elsewhere, are finished, or do not exist
     */
    public List<ClaimedTicket> claimAll(Collection<TicketId> ids, Collection<TicketId> redelivered) {
        return store.claimAll(values(ids), values(redelivered), clock.instant()).stream()
                .map(ticket -> new ClaimedTicket(ticket.ticketId(), ticket.clientId(), ticket.type(),
                        ticket.requestId(), ticket.createdAt(), ticket.payload(), ticket.callbackUrl(),
                        ticket.version()))
                .toList();
    }

    /** Which of these tickets do not exist at all. */
    public Set<TicketId> unknown(Collection<TicketId> ids) {
        Set<UUID> existing = store.existing(values(ids));
        return ids.stream().filter(id -> !existing.contains(id.value())).collect(Collectors.toSet());
    }

    /** What a run came to: a result as JSON, or why it failed. */
    public record Outcome(ClaimedTicket ticket, @Nullable String result, @Nullable String error) {

        public boolean completed() {
            return error == null;
        }
    }

    /**
     * Stores the outcomes of runs; in the caller's transaction when there is one.
     *
     * @return the tickets whose outcome was stored; the others lost their claim meanwhile, and
     *         their outcome is discarded
     */
    public Set<TicketId> finishAll(List<Outcome> outcomes) {
        Set<UUID> stored = store.finishAll(outcomes.stream().map(outcome -> new TicketStore.Outcome(
                outcome.ticket().id().value(), outcome.ticket().version(),
                outcome.completed() ? TicketStatus.COMPLETED : TicketStatus.FAILED, outcome.result(),
                outcome.error())).toList(), clock.instant());
        Set<TicketId> finished = new HashSet<>();
        stored.forEach(id -> finished.add(new TicketId(id)));
        return finished;
    }

    private static Set<UUID> values(Collection<TicketId> ids) {
        return ids.stream().map(TicketId::value).collect(Collectors.toSet());
    }
}
