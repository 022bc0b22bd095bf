package io.dispatch.callback;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * When the attempts of one delivery happen. Step {@code n} is the delay before attempt {@code n + 1}
 * of a retry budget, so the schedule's length is the number of attempts before a delivery is exhausted.
 */
public record RetrySchedule(List<Duration> steps, double jitter) {

    public RetrySchedule {
        steps = List.copyOf(steps);
    }

    public static RetrySchedule of(CallbackProperties properties) {
        return new RetrySchedule(properties.retrySchedule(), properties.jitter());
    }

    public Duration firstDelay() {
        return withJitter(steps.get(0));
    }

    /**
     * The delay before the next attempt, after {@code attemptsMade} failed attempts of this budget,
     * or empty when the schedule has run out.
     *
     * @param retryAfter what the receiver asked for with {@code Retry-After}, if anything; honoured
     *        up to the schedule's longest step, never below the schedule's own delay
     */
    public Optional<Duration> nextDelay(int attemptsMade, @Nullable Duration retryAfter) {
        if (attemptsMade >= steps.size()) {
            return Optional.empty();
        }
        Duration delay = steps.get(attemptsMade);
        if (retryAfter != null) {
            Duration capped = retryAfter.compareTo(longest()) > 0 ? longest() : retryAfter;
            delay = capped.compareTo(delay) > 0 ? capped : delay;
        }
        return Optional.of(withJitter(delay));
    }

    private Duration longest() {
        return Collections.max(steps);
    }

    private Duration withJitter(Duration delay) {
        if (delay.isZero() || jitter <= 0) {
            return delay;
        }
        long extra = (long) (delay.toMillis() * jitter * ThreadLocalRandom.current().nextDouble());
        return delay.plusMillis(extra);
    }
}
