package io.dispatch.ticket;

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
 */
@Component
class PublishedMarks {

    private static final Logger log = LoggerFactory.getLogger(PublishedMarks.class);
    private static final int BATCH = 500;

    private final Queue<TicketId> confirmed = new ConcurrentLinkedQueue<>();
    private final JdbcClient jdbc;

    PublishedMarks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(TicketId id) {
        confirmed.add(id);
    }

    @Scheduled(fixedDelayString = "${dispatch.outbox.mark-interval:100ms}")
    void flush() {
        List<Object> batch = new ArrayList<>(BATCH);
        TicketId id;
        while ((id = confirmed.poll()) != null) {
            batch.add(id.value());
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
