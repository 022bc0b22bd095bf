package io.dispatch.outbox;

import java.time.Duration;

import io.dispatch.system.Settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the transactional outbox (the ticket table) and its recovery jobs.
 *
 * @param relayInterval how often unpublished tickets are looked for
 * @param grace how old an unpublished ticket must be before the relay takes it from the fast path
 * @param batchSize how many tickets the relay publishes per round
 * @param confirmTimeout how long the relay waits for the broker's confirms
 * @param stuckAfter when a ticket still {@code PROCESSING}, or published yet never started, is handed out again
 * @param sweepInterval how often stuck tickets are looked for
 * @param markInterval how often confirmed tickets are marked published
 * @param stuckBacklogAfter how old a ticket the relay should have published may grow before the outbox
 *        health turns {@code DOWN}
 * @param queuedPerClient the most tasks of one client waiting in the work queues; the rest of its
 *        backlog waits in the ticket table, and the relay hands it out in turn with other clients'
 * @param refillInterval how often the relay looks again while it is handing out held-back tickets
 */
@ConfigurationProperties("dispatch.outbox")
public record OutboxProperties(
        @DefaultValue("1s") Duration relayInterval,
        @DefaultValue("5s") Duration grace,
        @DefaultValue("500") int batchSize,
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("10m") Duration stuckAfter,
        @DefaultValue("30s") Duration sweepInterval,
        @DefaultValue("100ms") Duration markInterval,
        @DefaultValue("5m") Duration stuckBacklogAfter,
        @DefaultValue("256") int queuedPerClient,
        @DefaultValue("100ms") Duration refillInterval) {

    public OutboxProperties {
        Settings.requirePositive("dispatch.outbox.relay-interval", relayInterval);
        Settings.requirePositive("dispatch.outbox.grace", grace);
        Settings.requireBetween("dispatch.outbox.batch-size", batchSize, 1, 10_000);
        Settings.requirePositive("dispatch.outbox.confirm-timeout", confirmTimeout);
        Settings.requirePositive("dispatch.outbox.stuck-after", stuckAfter);
        Settings.requirePositive("dispatch.outbox.sweep-interval", sweepInterval);
        Settings.requirePositive("dispatch.outbox.mark-interval", markInterval);
        Settings.requirePositive("dispatch.outbox.stuck-backlog-after", stuckBacklogAfter);
        Settings.requireBetween("dispatch.outbox.queued-per-client", queuedPerClient, 1, 100_000);
        Settings.requirePositive("dispatch.outbox.refill-interval", refillInterval);
    }

    /**
     * How long after its publish a task is in the relay's count for certain: marked published by
     * then, or claimed. {@link PublishedMarks} marks a task half the grace after its confirm, in rounds.
     */
    Duration markLag() {
        return grace.dividedBy(2).plus(markInterval.multipliedBy(3));
    }
}
