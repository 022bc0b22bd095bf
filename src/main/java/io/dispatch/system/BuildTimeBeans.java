package io.dispatch.system;

import java.util.Arrays;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Started with {@code -Dspring.aot.enabled=true}, Dispatch runs the bean definitions Spring's AOT
 * processing wrote when the jar was built, with no profile and {@code application.yml}'s settings.
 * A profile or a setting that adds or removes beans is then ignored without a word: the dashboard
 * served though it was turned off, spans never exported. Such a start is refused instead, naming
 * the setting; every other setting is read at start as always. A new bean switch joins the table.
 */
class BuildTimeBeans implements EnvironmentPostProcessor {

    /** The settings that decide beans, each with its value in the build (unset means that value). */
    static final Map<String, String> SWITCHES = Map.of(
            "dispatch.dashboard.enabled", "true",
            "management.opentelemetry.tracing.export.otlp.endpoint", "",
            "management.otlp.metrics.export.enabled", "false",
            "management.endpoints.web.exposure.include", "health,info,prometheus");

    /** The profile with beans of its own ({@code DevelopmentClient}); the others only hold settings. */
    static final String PROFILE_WITH_BEANS = "dev";

    private final BooleanSupplier aheadOfTime;

    BuildTimeBeans() {
        this(AotDetector::useGeneratedArtifacts);
    }

    BuildTimeBeans(BooleanSupplier aheadOfTime) {
        this.aheadOfTime = aheadOfTime;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment settings, SpringApplication application) {
        if (!aheadOfTime.getAsBoolean()) {
            return;
        }
        if (Arrays.asList(settings.getActiveProfiles()).contains(PROFILE_WITH_BEANS)) {
            throw new IllegalStateException("The '" + PROFILE_WITH_BEANS + "' profile adds beans, which a start "
                    + "with -Dspring.aot.enabled=true cannot: start the development service without that option");
        }
        SWITCHES.forEach((name, built) -> {
            if (!built.equals(settings.getProperty(name, built))) {
                throw new IllegalStateException(name + " decides which beans exist, and a start with "
                        + "-Dspring.aot.enabled=true keeps the jar's build value '" + built
                        + "': start without that option to change it");
            }
        });
    }
}
