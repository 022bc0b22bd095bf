package io.dispatch.callback;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The delivery settings as an operator sets them: environment variables, comma-separated lists. */
class CallbackPropertiesTest {

    @Test
    void readsTheRetryScheduleAndAllowedHostsFromEnvironmentVariables() {
        CallbackProperties properties = bind(Map.of(
                "DISPATCH_CALLBACK_RETRY_SCHEDULE", "0s,10s,1m,2h",
                "DISPATCH_CALLBACK_ALLOWED_HOSTS", "receiver,*.internal.example",
                "DISPATCH_CALLBACK_TIMEOUT", "3s"));

        assertThat(properties.retrySchedule()).containsExactly(Duration.ZERO, Duration.ofSeconds(10),
                Duration.ofMinutes(1), Duration.ofHours(2));
        assertThat(properties.allowedHosts()).containsExactly("receiver", "*.internal.example");
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void defaultsToTheCommonWebhookSchedule() {
        CallbackProperties properties = bind(Map.of());

        assertThat(properties.retrySchedule()).containsExactly(Duration.ZERO, Duration.ofSeconds(5),
                Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
                Duration.ofHours(10), Duration.ofHours(10));
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(properties.allowPrivateNetworks()).isFalse();
        assertThat(properties.allowedHosts()).isEmpty();
    }

    @Test
    void refusesAnEmptyOrNegativeSchedule() {
        assertThatThrownBy(() -> bind(Map.of("DISPATCH_CALLBACK_RETRY_SCHEDULE", "-5s")))
                .hasRootCauseMessage("dispatch.callback.retry-schedule steps cannot be negative");
    }

    private static CallbackProperties bind(Map<String, Object> environment) {
        SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);
        return new Binder(ConfigurationPropertySources.from(source))
                .bindOrCreate("dispatch.callback", CallbackProperties.class);
    }
}
