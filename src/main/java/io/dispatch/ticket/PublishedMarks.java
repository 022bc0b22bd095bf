package io.dispatch.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks confirmed tickets as published, many per statement: the mark only spares the relay a
 * needless second publish, so it may lag by a moment, and batching keeps it off the per-ticket cost.
 * <p>
 * A mark matters only to a ticket still waiting when the relay's grace runs out, so a confirmed
 * ticket is marked once half the grace has passed, if no worker has claimed it by then. Marking at
 * once wrote a second version of most rows under load (60 % of the tickets of a benchmark run),
 * each with an entry in every index of the table.
 */
@Component
class PublishedMarks {

    private static final Logger log = LoggerFactory.getLogger(PublishedMarks.class);
    private static final int BATCH = 500;

    private record Confirmed(TicketId id, Instant at) {
    }

    private final Queue<Confirmed> confirmed = new ConcurrentLinkedQueue<>();
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration delay;

    PublishedMarks(JdbcClient jdbc, OutboxProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.delay = properties.grace().dividedBy(2);
    }

    void add(TicketId id) {
        confirmed.add(new Confirmed(id, clock.instant()));
    }

    /** Marks the tickets confirmed at least half the grace ago (the only caller: one scheduled job). */
    @Scheduled(fixedDelayString = "${dispatch.outbox.mark-interval:100ms}")
    void flush() {
        Instant due = clock.instant().minus(delay);
        List<Object> batch = new ArrayList<>(BATCH);
        Confirmed next;
        while ((next = confirmed.peek()) != null && !next.at().isAfter(due)) {
            confirmed.poll();
            batch.add(next.id().value());
            if (batch.size() == BATCH) {
                write(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<Object> ids) {
        try {
            // A mark lost in a database crash only means one needless publish: it need not wait for the disk.
            // A ticket a worker has claimed already needs no mark (the relay only looks at accepted ones),
            // and skipping it spares a new row version with its index entries. A ticket a worker is
            // claiming right now is skipped too: waiting for its row while the claim waits for one of
            // ours was a deadlock under load.
            jdbc.sql("UPDATE tickets SET published_at = now() FROM " + TicketStore.ASYNC_COMMIT
                    + " WHERE id IN (SELECT id FROM tickets WHERE id IN (:ids) AND status = 'ACCEPTED'"
                    + " AND published_at IS NULL FOR UPDATE SKIP LOCKED)")
                    .param("ids", ids)
                    .update();
        }
        catch (RuntimeException ex) {
            // Unmarked tickets are published again by the relay; the claim guard makes that harmless.
            log.warn("Could not mark {} tickets as published: {}", ids.size(), ex.getMessage());
        }
    }
}
