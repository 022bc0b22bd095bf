package io.dispatch.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Instants as people read them, "2 min ago" or "in 5 s", for the templates ({@code @times.ago(…)});
 * the exact instant goes beside it, in the {@code <time>} element's title and datetime.
 */
@Component("times")
@ConditionalOnBooleanProperty(name = "dispatch.dashboard.enabled", matchIfMissing = true)
class RelativeTimes {

    private final Clock clock;

    RelativeTimes(Clock clock) {
        this.clock = clock;
    }

    public String ago(@Nullable Instant at) {
        if (at == null) {
            return "—";
        }
        Duration between = Duration.between(at, clock.instant());
        String span = span(between.abs());
        if (span.equals("now")) {
            return "just now";
        }
        return between.isNegative() ? "in " + span : span + " ago";
    }

    private static String span(Duration duration) {
        if (duration.toSeconds() < 1) {
            return "now";
        }
        if (duration.toMinutes() < 1) {
            return duration.toSeconds() + " s";
        }
        if (duration.toHours() < 1) {
            return duration.toMinutes() + " min";
        }
        if (duration.toDays() < 2) {
            return duration.toHours() + " h";
        }
        return duration.toDays() + " days";
    }
}
