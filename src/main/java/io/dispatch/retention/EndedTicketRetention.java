package io.dispatch.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dispatch.callback.DeliveryTable;
import io.dispatch.client.limits.SubmissionRate;
import io.dispatch.ticket.TicketId;
import io.dispatch.ticket.TicketTable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes ended tickets {@code dispatch.retention.ended-tickets} after they ended, batch after
 * batch, each batch its own short transaction, so intake never waits for it. One instance at a
 * time: each batch first takes a transaction-scoped advisory lock, and an instance that cannot
 * get it leaves the round to the one that has it. Once a ticket is gone its request id is free.
 */
@Component
class EndedTicketRetention implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(EndedTicketRetention.class);
    /** The advisory lock's key: "dispatch" and "retention", so it clashes with no other lock. */
    private static final long LOCK = 0x64697370_72657465L;

    private final DeliveryTable deliveries;
    private final TicketTable tickets;
    private final SubmissionRate submissionRate;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final RetentionProperties properties;
    private final Clock clock;

    EndedTicketRetention(DeliveryTable deliveries, TicketTable tickets, SubmissionRate submissionRate,
            JdbcClient jdbc, TransactionTemplate transaction, RetentionProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.tickets = tickets;
        this.submissionRate = submissionRate;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::deleteEnded, properties.interval());
    }

    /** Deletes batch after batch while they come back full, for up to one interval. */
    void deleteEnded() {
        if (properties.keepsEverything()) {
            return;
        }
        Instant until = clock.instant().plus(properties.interval());
        long deleted = 0;
        try {
            int batch;
            do {
                batch = deleteBatch();
                deleted += Math.max(batch, 0);
            }
            while (batch == properties.batchSize() && clock.instant().isBefore(until));
            submissionRate.removeFullBuckets(properties.batchSize());
        }
        catch (RuntimeException ex) {
            log.warn("Could not delete ended tickets: {}", ex.getMessage());
        }
        if (deleted > 0) {
            log.info("Deleted {} tickets that ended before {} ago", deleted, properties.endedTickets());
        }
    }

    /** @return how many tickets were deleted, or -1 when another instance holds the lock */
    private int deleteBatch() {
        Integer deleted = transaction.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(:lock)").param("lock", LOCK)
                    .query(Boolean.class).single())) {
                return -1;
            }
            List<UUID> ended = deliveries.deleteEnded(clock.instant().minus(properties.endedTickets()),
                    properties.batchSize());
            tickets.deleteFinished(ended.stream().map(TicketId::new).toList());
            return ended.size();
        });
        return deleted == null ? 0 : deleted;
    }
}
