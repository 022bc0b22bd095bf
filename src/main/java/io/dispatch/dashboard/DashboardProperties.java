package io.dispatch.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dashboard.
 *
 * @param enabled whether {@code /dashboard} is served at all
 * @param refreshInterval how often the overview refreshes itself while it is visible
 */
@ConfigurationProperties("dispatch.dashboard")
public record DashboardProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration refreshInterval) {
}
