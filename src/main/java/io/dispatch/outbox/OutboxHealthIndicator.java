package io.dispatch.outbox;

import java.time.Duration;

import io.dispatch.ticket.TicketGauges;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code DOWN} when the outbox is stuck: a ticket accepted longer ago than
 * {@code dispatch.outbox.stuck-backlog-after} still has no confirmed task message. Not part of
 * readiness: the API still accepts work then, and taking every instance out of traffic would not help.
 */
@Component("outbox")
class OutboxHealthIndicator extends AbstractHealthIndicator {

    private final TicketGauges gauges;
    private final Duration stuckAfter;

    OutboxHealthIndicator(TicketGauges gauges, OutboxProperties properties) {
        this.gauges = gauges;
        this.stuckAfter = properties.stuckBacklogAfter();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Duration oldest = gauges.oldestUnpublishedAge();
        builder.status(oldest.compareTo(stuckAfter) > 0 ? "DOWN" : "UP")
                .withDetail("backlog", gauges.backlog())
                .withDetail("oldestUnpublishedSeconds", oldest.toSeconds());
    }
}
