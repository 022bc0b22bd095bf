package io.dispatch.ticket;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes accepted tickets that have no confirmed message yet: those whose publish failed (broker
 * down, unconfirmed, returned) or whose instance died before publishing.
 * <p>
 * A round takes its batch by marking it published in one statement ({@code SKIP LOCKED}, so several
 * instances share the backlog), publishes, and takes the mark back from what the broker did not
 * confirm. It holds no row lock while it waits for the broker: a worker claiming one of those
 * tickets would wait for it (measured: the backlog drained at half speed). Should the instance die
 * between the mark and the confirms, the stuck-ticket sweeper hands the tickets out again.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String TAKE_BATCH = """
            UPDATE tickets SET published_at = :now
            WHERE id IN (
                SELECT id FROM tickets
                WHERE status = 'ACCEPTED' AND published_at IS NULL AND created_at < :before
                ORDER BY created_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED)
            RETURNING id, type
            """;

    private final JdbcClient jdbc;
    private final TaskPublisher publisher;
    private final OutboxProperties properties;
    private final Clock clock;

    OutboxRelay(JdbcClient jdbc, TaskPublisher publisher, OutboxProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    private record Unpublished(UUID id, String type) {
    }

    /** Relays batch after batch while they come back full, for up to one interval, then lets other jobs run. */
    @Scheduled(fixedDelayString = "${dispatch.outbox.relay-interval:1s}")
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
        if (published > 0) {
            log.info("Outbox relay published {} tickets", published);
        }
    }

    private int publishBatch() {
        Instant now = clock.instant();
        List<Unpublished> batch = jdbc.sql(TAKE_BATCH)
                .param("now", Timestamp.from(now))
                .param("before", Timestamp.from(now.minus(properties.grace())))
                .param("limit", properties.batchSize())
                .query(Unpublished.class)
                .list();
        List<CompletableFuture<Boolean>> confirms = publisher.publishAll(batch.stream()
                .map(ticket -> new TaskPublisher.Task(new TicketId(ticket.id()), ticket.type(), null))
                .toList());
        try {
            CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new))
                    .get(properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception notAllConfirmed) {
            log.debug("Not every relayed ticket was confirmed in time; the rest go again next round");
        }
        // Unconfirmed: nacked, returned, failed, or still open after the timeout.
        List<UUID> unconfirmed = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!Boolean.TRUE.equals(confirms.get(i).getNow(false))) {
                unconfirmed.add(batch.get(i).id());
            }
        }
        if (!unconfirmed.isEmpty()) {
            jdbc.sql("UPDATE tickets SET published_at = NULL WHERE id IN (:ids) AND status = 'ACCEPTED'")
                    .param("ids", unconfirmed)
                    .update();
        }
        return batch.size() - unconfirmed.size();
    }
}
