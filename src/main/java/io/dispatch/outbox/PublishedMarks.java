package io.dispatch.outbox;

import io.dispatch.ticket.TicketTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.dispatch.ticket.TicketId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Marks confirmed tickets as published, many per statement: the mark only spares the relay a
 * needless second publish, so it may lag by a moment, and batching keeps it off the per-ticket cost.
 * <p>
 * A mark matters only to a ticket still waiting when the relay's grace runs out, so a confirmed
 * ticket is marked once half the grace has passed, if no worker has claimed it by then: marking at
 * once wrote a second version of most rows under load, each with an entry in every index.
 */
@Component
class PublishedMarks implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PublishedMarks.class);
    private static final int BATCH = 500;

    private record Confirmed(TicketId id, Instant at) {
    }

    private final Queue<Confirmed> confirmed = new ConcurrentLinkedQueue<>();
    private final TicketTable tickets;
    private final Clock clock;
    private final OutboxProperties properties;
    private final Duration delay;

    PublishedMarks(TicketTable tickets, OutboxProperties properties, Clock clock) {
        this.tickets = tickets;
        this.properties = properties;
        this.clock = clock;
        this.delay = properties.grace().dividedBy(2);
    }

    void add(TicketId id) {
        confirmed.add(new Confirmed(id, clock.instant()));
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::flush, properties.markInterval());
    }

    /** Marks the tickets confirmed at least half the grace ago (the only caller: one scheduled job). */
    void flush() {
        Instant due = clock.instant().minus(delay);
        List<TicketId> batch = new ArrayList<>(BATCH);
        Confirmed next;
        while ((next = confirmed.peek()) != null && !next.at().isAfter(due)) {
            confirmed.poll();
            batch.add(next.id());
            if (batch.size() == BATCH) {
                write(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<TicketId> ids) {
        try {
            tickets.markPublished(ids);
        }
        catch (RuntimeException ex) {
            // Unmarked tickets are published again by the relay; the claim guard makes that harmless.
            log.warn("Could not mark {} tickets as published: {}", ids.size(), ex.getMessage());
        }
    }
}
