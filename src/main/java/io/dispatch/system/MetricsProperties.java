package io.dispatch.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the gauges read from the database.
 *
 * @param refreshInterval how often the gauges are read; a scrape never queries the database
 */
@ConfigurationProperties("dispatch.metrics")
public record MetricsProperties(@DefaultValue("10s") Duration refreshInterval) {

    public MetricsProperties {
        Settings.requirePositive("dispatch.metrics.refresh-interval", refreshInterval);
    }
}
