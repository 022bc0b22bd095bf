package io.dispatch.dashboard;

import java.time.Duration;

import io.dispatch.system.Settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dashboard.
 *
 * @param enabled whether {@code /dashboard} is served at all
 * @param refreshInterval how often the overview refreshes itself while it is visible
 * @param rollupInterval how often delivered and failed attempts are rolled up per minute for the overview
 */
@ConfigurationProperties("dispatch.dashboard")
public record DashboardProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration refreshInterval,
        @DefaultValue("5s") Duration rollupInterval) {

    public DashboardProperties {
        Settings.requirePositive("dispatch.dashboard.refresh-interval", refreshInterval);
        Settings.requirePositive("dispatch.dashboard.rollup-interval", rollupInterval);
    }
}
