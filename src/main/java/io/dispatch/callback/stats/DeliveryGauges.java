package io.dispatch.callback.stats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.dispatch.callback.DeliveryStatus;
import io.dispatch.system.MetricsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deliveries still waiting, by status, read from the database every few seconds rather than on
 * every scrape, and only through the index of open deliveries.
 */
@Component
class DeliveryGauges implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DeliveryGauges.class);

    private final JdbcClient jdbc;
    private final MetricsProperties metrics;
    private final Map<DeliveryStatus, AtomicLong> pending = new ConcurrentHashMap<>();

    DeliveryGauges(JdbcClient jdbc, MeterRegistry meters, MetricsProperties metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        for (DeliveryStatus status : new DeliveryStatus[] { DeliveryStatus.PENDING, DeliveryStatus.RETRYING }) {
            AtomicLong value = pending.computeIfAbsent(status, s -> new AtomicLong());
            Gauge.builder("dispatch.callbacks.waiting", value, AtomicLong::get)
                    .description("Callback deliveries not yet delivered or exhausted")
                    .tag("status", status.name())
                    .register(meters);
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::refresh, metrics.refreshInterval());
    }

    void refresh() {
        try {
            pending.values().forEach(value -> value.set(0));
            jdbc.sql("SELECT status, count(*) FROM callback_deliveries WHERE status IN ('PENDING', 'RETRYING') "
                    + "GROUP BY status")
                    .query((row, n) -> Map.entry(DeliveryStatus.valueOf(row.getString(1)), row.getLong(2)))
                    .list()
                    .forEach(e -> pending.get(e.getKey()).set(e.getValue()));
        }
        catch (RuntimeException ex) {
            log.debug("Could not refresh delivery gauges: {}", ex.getMessage());
        }
    }
}
