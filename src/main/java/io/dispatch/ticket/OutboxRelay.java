package io.dispatch.ticket;

import java.sql.Timestamp;
import java.time.Clock;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes accepted tickets that have no confirmed message yet: those whose publish failed (broker
 * down, unconfirmed, returned) or whose instance died before publishing. Rows are locked with
 * {@code SKIP LOCKED}, so several instances share the backlog without publishing a ticket twice.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String UNPUBLISHED = """
            SELECT id, type FROM tickets
            WHERE status = 'ACCEPTED' AND published_at IS NULL AND created_at < :before
            ORDER BY created_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED
            """;

    private final JdbcClient jdbc;
    private final TaskPublisher publisher;
    private final TransactionTemplate transaction;
    private final OutboxProperties properties;
    private final Clock clock;

    OutboxRelay(JdbcClient jdbc, TaskPublisher publisher, TransactionTemplate transaction, OutboxProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    private record Unpublished(UUID id, String type) {
    }

    @Scheduled(fixedDelayString = "${dispatch.outbox.relay-interval:1s}")
    void relay() {
        try {
            Integer published = transaction.execute(status -> publishBatch());
            if (published != null && published > 0) {
                log.info("Outbox relay published {} tickets", published);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Outbox relay could not run: {}", ex.getMessage());
        }
    }

    private int publishBatch() {
        List<Unpublished> batch = jdbc.sql(UNPUBLISHED)
                .param("before", Timestamp.from(clock.instant().minus(properties.grace())))
                .param("limit", properties.batchSize())
                .query(Unpublished.class)
                .list();
        List<UUID> confirmed = new ArrayList<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (Unpublished ticket : batch) {
            pending.add(publisher.publish(new TicketId(ticket.id()), ticket.type()).thenAccept(ok -> {
                if (ok) {
                    synchronized (confirmed) {
                        confirmed.add(ticket.id());
                    }
                }
            }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception notAllConfirmed) {
            log.debug("Not every relayed ticket was confirmed in time; the rest go again next round");
        }
        synchronized (confirmed) {
            if (!confirmed.isEmpty()) {
                jdbc.sql("UPDATE tickets SET published_at = now() WHERE id IN (:ids)").param("ids", confirmed).update();
            }
            return confirmed.size();
        }
    }
}
