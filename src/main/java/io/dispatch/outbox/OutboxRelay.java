package io.dispatch.outbox;

import io.dispatch.ticket.TicketTable;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.dispatch.ticket.TicketId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Publishes accepted tickets that have no confirmed message yet: those whose publish failed (broker
 * down, unconfirmed, returned) or whose instance died before publishing.
 * <p>
 * A round takes its batch by marking it published in one statement ({@code SKIP LOCKED}, so several
 * instances share the backlog), publishes, and takes the mark back from what the broker did not
 * confirm. It holds no row lock while it waits for the broker: a worker claiming one of those
 * tickets would wait for it. Should the instance die
 * between the mark and the confirms, the stuck-ticket sweeper hands the tickets out again.
 */
@Component
class OutboxRelay implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private final TicketTable tickets;
    private final TaskPublisher publisher;
    private final QueueShare share;
    private final OutboxProperties properties;
    private final Clock clock;
    private volatile boolean refilling;

    OutboxRelay(TicketTable tickets, TaskPublisher publisher, QueueShare share, OutboxProperties properties,
            Clock clock) {
        this.tickets = tickets;
        this.publisher = publisher;
        this.share = share;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Every {@code relay-interval}; every {@code refill-interval} while it is handing out tickets held
     * back for fair share, so a client's share of the work queues is topped up as workers empty it.
     */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addTriggerTask(this::relay, context -> {
            Instant last = context.lastCompletion();
            return last == null ? clock.instant()
                    : last.plus(refilling ? properties.refillInterval() : properties.relayInterval());
        });
    }

    /** Relays batch after batch while they come back full, for up to one interval, then lets other jobs run. */
    void relay() {
        Instant until = clock.instant().plus(properties.relayInterval());
        int published = 0;
        try {
            int confirmed;
            do {
                confirmed = publishBatch();
                published += confirmed;
            }
            while (confirmed == properties.batchSize() && clock.instant().isBefore(until));
        }
        catch (RuntimeException ex) {
            log.warn("Outbox relay could not run: {}", ex.getMessage());
        }
        refilling = published > 0 || !share.heldLately().isEmpty();
        if (published > 0) {
            log.debug("Outbox relay published {} tickets", published);
        }
    }

    private int publishBatch() {
        Instant now = clock.instant();
        // Held tickets are taken once what the fast path published before them is marked: the
        // client's room is counted right, and nothing is published twice.
        List<TicketTable.Unpublished> batch = tickets.markForRelay(new TicketTable.RelayRound(now, properties.batchSize(),
                properties.queuedPerClient(), now.minus(properties.grace()), share.heldLately(),
                now.minus(properties.markLag())));
        List<CompletableFuture<Boolean>> confirms = publisher.publishAll(batch.stream()
                .map(ticket -> new TaskPublisher.Task(ticket.id(), ticket.type(), null))
                .toList());
        try {
            CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new))
                    .get(properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception notAllConfirmed) {
            log.debug("Not every relayed ticket was confirmed in time; the rest go again next round");
        }
        // Unconfirmed: nacked, returned, failed, or still open after the timeout.
        List<TicketId> unconfirmed = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!Boolean.TRUE.equals(confirms.get(i).getNow(false))) {
                unconfirmed.add(batch.get(i).id());
            }
        }
        if (!unconfirmed.isEmpty()) {
            tickets.unmarkPublished(unconfirmed);
        }
        return batch.size() - unconfirmed.size();
    }
}
