package io.dispatch.client.limits;

import java.time.Duration;

import io.dispatch.system.Settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The limits of every client that an operator has not given values of its own, and the ceilings
 * no value may pass.
 *
 * @param refreshInterval how often an instance reads the limits operators set, and the open
 *        tickets; a change holds everywhere within it (the contract promises 5 seconds)
 */
@ConfigurationProperties("dispatch.limits")
public record LimitsProperties(
        @DefaultValue("100") int submissionsPerSecond,
        @DefaultValue("1000") int submissionBurst,
        @DefaultValue("100000") int maxOpenTickets,
        @DefaultValue("8") int parallelCallbacks,
        @DefaultValue Ceiling ceiling,
        @DefaultValue("1s") Duration refreshInterval) {

    public LimitsProperties {
        Settings.requirePositive("dispatch.limits.refresh-interval", refreshInterval);
        ClientLimits defaults = new ClientLimits(submissionsPerSecond, submissionBurst, maxOpenTickets,
                parallelCallbacks);
        for (Limit limit : Limit.values()) {
            Settings.requireAtLeast(limit.ceilingSetting(), limit.of(ceiling.limits()), 1);
            Settings.requireAtLeast(limit.setting(), limit.of(defaults), 1);
            if (limit.of(defaults) > limit.of(ceiling.limits())) {
                throw new IllegalArgumentException(limit.setting() + " (" + limit.of(defaults) + ") is above "
                        + limit.ceilingSetting() + " (" + limit.of(ceiling.limits()) + ")");
            }
        }
    }

    /** The most any client may be given. */
    public record Ceiling(
            @DefaultValue("100000") int submissionsPerSecond,
            @DefaultValue("1000000") int submissionBurst,
            @DefaultValue("10000000") int maxOpenTickets,
            @DefaultValue("256") int parallelCallbacks) {

        ClientLimits limits() {
            return new ClientLimits(submissionsPerSecond, submissionBurst, maxOpenTickets, parallelCallbacks);
        }
    }

    ClientLimits defaults() {
        return new ClientLimits(submissionsPerSecond, submissionBurst, maxOpenTickets, parallelCallbacks);
    }
}
