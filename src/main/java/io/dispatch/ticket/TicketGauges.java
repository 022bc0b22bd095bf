package io.dispatch.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.dispatch.system.MetricsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Open tickets by status and the outbox backlog, read from the database every few seconds
 * (never per scrape) through the partial indexes of open and unpublished tickets, so the cost does
 * not grow with the finished tickets the table holds.
 */
@Component
public class TicketGauges implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(TicketGauges.class);

    private final JdbcClient jdbc;
    private final MetricsProperties metrics;
    private final Clock clock;
    private final Map<TicketStatus, AtomicLong> open = new ConcurrentHashMap<>();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicReference<@Nullable Instant> oldestUnpublished = new AtomicReference<>();

    TicketGauges(JdbcClient jdbc, MeterRegistry meters, MetricsProperties metrics, Clock clock) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.clock = clock;
        for (TicketStatus status : new TicketStatus[] { TicketStatus.ACCEPTED, TicketStatus.PROCESSING }) {
            AtomicLong value = open.computeIfAbsent(status, s -> new AtomicLong());
            Gauge.builder("dispatch.tickets.open", value, AtomicLong::get)
                    .description("Tickets whose work has not ended, by status")
                    .tag("status", status.name())
                    .register(meters);
        }
        Gauge.builder("dispatch.outbox.backlog", backlog, AtomicLong::get)
                .description("Accepted tickets whose task the broker has not confirmed yet")
                .register(meters);
        Gauge.builder("dispatch.outbox.oldest.age", this, gauges -> gauges.oldestUnpublishedAge().toMillis() / 1000.0)
                .description("Age of the oldest ticket whose task is not published yet")
                .baseUnit("seconds")
                .register(meters);
    }

    /** Age of the oldest unpublished ticket at the last refresh; zero when there is none. */
    public Duration oldestUnpublishedAge() {
        Instant oldest = oldestUnpublished.get();
        return oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
    }

    public long backlog() {
        return backlog.get();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::refresh, metrics.refreshInterval());
    }

    public void refresh() {
        try {
            open.values().forEach(value -> value.set(0));
            jdbc.sql("SELECT status, count(*) FROM tickets WHERE status IN ('ACCEPTED', 'PROCESSING') GROUP BY status")
                    .query((row, n) -> Map.entry(TicketStatus.valueOf(row.getString(1)), row.getLong(2)))
                    .list()
                    .forEach(e -> open.get(e.getKey()).set(e.getValue()));
            jdbc.sql("SELECT count(*), min(created_at) FROM tickets WHERE status = 'ACCEPTED' AND published_at IS NULL")
                    .query((row, n) -> {
                        backlog.set(row.getLong(1));
                        oldestUnpublished.set(row.getTimestamp(2) == null ? null : row.getTimestamp(2).toInstant());
                        return null;
                    })
                    .list();
        }
        catch (RuntimeException ex) {
            log.debug("Could not refresh ticket gauges: {}", ex.getMessage());
        }
    }
}
