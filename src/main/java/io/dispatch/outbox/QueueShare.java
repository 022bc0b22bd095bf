package io.dispatch.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dispatch.client.ClientId;
import io.dispatch.system.CountPlusSince;
import io.dispatch.ticket.TicketTable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Each client's share of the work queues. A work queue is first in, first out, so a client's
 * backlog standing in it would delay every other client's work; instead a client has at most
 * {@code dispatch.outbox.queued-per-client} tasks there. Intake publishes a ticket at once while
 * fewer than that many of its client's tickets wait for a worker, and otherwise holds it back: the
 * ticket stays unpublished, and the relay hands it out in turn with other clients' as the workers
 * make room.
 * <p>
 * Intake's view is this instance's: each client's waiting tickets counted every
 * {@code refill-interval} (up to the share, so a long backlog costs no more to count), plus what
 * this instance accepted since. A held client is published at once again only when the count shows
 * it at half its share, so that it does not flip between the paths (a ticket published on the fast
 * path and not yet marked could be published twice by the relay; the claim then runs it once). The
 * relay counts the queued tasks again in its own statement, so the share holds across instances.
 */
@Component
class QueueShare implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(QueueShare.class);

    private final TicketTable tickets;
    private final OutboxProperties properties;
    private final Clock clock;
    private final CountPlusSince<ClientId> waiting = new CountPlusSince<>();
    /** Clients whose tickets intake holds back until the count shows them at half their share. */
    private final Set<ClientId> holding = ConcurrentHashMap.newKeySet();
    /** When this instance last held back a ticket of each client. */
    private final Map<ClientId, Instant> heldAt = new ConcurrentHashMap<>();

    QueueShare(TicketTable tickets, OutboxProperties properties, Clock clock) {
        this.tickets = tickets;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::count, properties.refillInterval());
    }

    /**
     * True when the client's ticket, accepted and committed just now, may be published at once;
     * false when it is left to the relay.
     */
    boolean admit(ClientId client) {
        waiting.add(client);
        if (holding.contains(client) || waiting.of(client) > properties.queuedPerClient()) {
            holding.add(client);
            heldAt.put(client, clock.instant());
            return false;
        }
        return true;
    }

    /**
     * The clients whose tickets this instance held back lately, which the relay takes without
     * waiting for the grace of the fast path.
     */
    Set<ClientId> heldLately() {
        Instant recently = clock.instant().minus(properties.grace());
        heldAt.values().removeIf(at -> at.isBefore(recently));
        return Set.copyOf(heldAt.keySet());
    }

    void count() {
        try {
            waiting.recount(() -> tickets.waitingByClient(properties.queuedPerClient()));
            holding.removeIf(client -> waiting.of(client) <= properties.queuedPerClient() / 2);
        }
        catch (RuntimeException ex) {
            log.debug("Could not count the waiting tickets: {}", ex.getMessage());
        }
    }
}
