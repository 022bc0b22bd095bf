package io.dispatch.outbox;

import java.time.Clock;
import java.time.Duration;

import io.dispatch.ticket.TicketGauges;
import io.dispatch.ticket.TicketTable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code DOWN} when the outbox is stuck: a ticket accepted longer ago than
 * {@code dispatch.outbox.stuck-backlog-after} still has no confirmed task message although its
 * client has room in the work queues. A backlog held back for fair share is work waiting its turn,
 * not a fault. Not part of readiness: the API still accepts work then, and taking every instance out
 * of traffic would not help.
 */
@Component("outbox")
class OutboxHealthIndicator extends AbstractHealthIndicator {

    private final TicketTable tickets;
    private final TicketGauges gauges;
    private final OutboxProperties properties;
    private final Clock clock;

    OutboxHealthIndicator(TicketTable tickets, TicketGauges gauges, OutboxProperties properties, Clock clock) {
        this.tickets = tickets;
        this.gauges = gauges;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Duration overdue = tickets.oldestOverdueForRelay(properties.queuedPerClient())
                .map(oldest -> Duration.between(oldest, clock.instant()))
                .orElse(Duration.ZERO);
        builder.status(overdue.compareTo(properties.stuckBacklogAfter()) > 0 ? "DOWN" : "UP")
                .withDetail("backlog", gauges.backlog())
                .withDetail("oldestOverdueSeconds", overdue.toSeconds());
    }
}
