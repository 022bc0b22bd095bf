package io.dispatch.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.dispatch.client.ClientId;
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
 * its client is below that, and otherwise holds it back: the ticket stays unpublished, and the
 * relay hands it out in turn with other clients' as the workers make room.
 * <p>
 * Intake's view is this instance's: the queued tasks counted every {@code relay-interval}, plus
 * what this instance published that the count may not show yet (a task is marked published a
 * while after its confirm). A held client is published at once again only when the count
 * shows it at half its share, so that it does not flip between the paths (a ticket published on
 * the fast path and not yet marked could be published twice by the relay; the claim then runs it
 * once). The relay counts again in its own statement, so its share holds across instances.
 */
@Component
class QueueShare implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(QueueShare.class);

    private final TicketTable tickets;
    private final OutboxProperties properties;
    private final Clock clock;
    private final Duration markLag;
    private volatile Map<ClientId, Long> counted = Map.of();
    /** Tasks this instance published at once, per client, since it started. */
    private final Map<ClientId, AtomicLong> published = new ConcurrentHashMap<>();
    /** What {@link #published} held at each recent count, oldest first. */
    private final Deque<Snapshot> snapshots = new ArrayDeque<>();
    private volatile Map<ClientId, Long> countedAlready = Map.of();
    /** Clients whose tickets intake holds back until the count shows them at half their share. */
    private final Set<ClientId> holding = ConcurrentHashMap.newKeySet();
    /** When this instance last held back a ticket of each client. */
    private final Map<ClientId, Instant> heldAt = new ConcurrentHashMap<>();

    QueueShare(TicketTable tickets, OutboxProperties properties, Clock clock) {
        this.tickets = tickets;
        this.properties = properties;
        this.clock = clock;
        this.markLag = markLag(properties);
    }

    /**
     * How long after its publish a task is in the count for certain: marked published by then, or
     * claimed. {@link PublishedMarks} marks a task half the grace after its confirm, in rounds.
     */
    static Duration markLag(OutboxProperties properties) {
        return properties.grace().dividedBy(2).plus(properties.markInterval().multipliedBy(3));
    }

    private record Snapshot(Instant at, Map<ClientId, Long> published) {
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::count, properties.relayInterval());
    }

    /** True when the client's ticket may be published now; false when it is left to the relay. */
    boolean admit(ClientId client) {
        if (holding.contains(client) || queued(client) >= properties.queuedPerClient()) {
            holding.add(client);
            heldAt.put(client, clock.instant());
            return false;
        }
        published.computeIfAbsent(client, id -> new AtomicLong()).incrementAndGet();
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
        Instant start = clock.instant();
        Map<ClientId, Long> now = new HashMap<>();
        published.forEach((client, count) -> now.put(client, count.get()));
        try {
            Map<ClientId, Long> read = Map.copyOf(tickets.queuedByClient());
            snapshots.addLast(new Snapshot(start, now));
            Map<ClientId, Long> already = countedAlready;
            while (snapshots.peekFirst() != null && snapshots.peekFirst().at().isBefore(start.minus(markLag))) {
                already = snapshots.pollFirst().published();
            }
            counted = read;
            countedAlready = already;
            holding.removeIf(client -> queued(client) <= properties.queuedPerClient() / 2);
        }
        catch (RuntimeException ex) {
            log.debug("Could not count the queued tasks: {}", ex.getMessage());
        }
    }

    /** The count, plus what this instance published that the count may not show yet. */
    private long queued(ClientId client) {
        AtomicLong all = published.get(client);
        return counted.getOrDefault(client, 0L) + (all == null ? 0 : all.get() - countedAlready.getOrDefault(client, 0L));
    }
}
