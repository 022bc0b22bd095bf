package io.dispatch.retention;

import java.time.Duration;

import io.dispatch.system.Settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long ended tickets are kept.
 *
 * @param endedTickets how long after its callback was delivered or exhausted a ticket is deleted,
 *        with its attempts; {@code 0} keeps every ticket
 * @param interval how often the deletion runs; at most a minute
 * @param batchSize how many tickets one statement deletes: small, so that each holds its locks briefly
 */
@ConfigurationProperties("dispatch.retention")
public record RetentionProperties(
        @DefaultValue("P14D") Duration endedTickets,
        @DefaultValue("30s") Duration interval,
        @DefaultValue("500") int batchSize) {

    public RetentionProperties {
        if (endedTickets.isNegative()) {
            throw new IllegalArgumentException("dispatch.retention.ended-tickets cannot be negative, not " + endedTickets);
        }
        Settings.requirePositive("dispatch.retention.interval", interval);
        if (interval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("dispatch.retention.interval must be at most a minute, not " + interval);
        }
        Settings.requireAtLeast("dispatch.retention.batch-size", batchSize, 1);
    }

    boolean keepsEverything() {
        return endedTickets.isZero();
    }
}
