package io.dispatch.callback;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One delivery attempt.
 *
 * @param statusCode the receiver's HTTP status, or null when no answer came
 * @param error why the attempt failed when no usable answer came (timeout, refused, blocked), else null
 */
public record AttemptView(int attempt, Instant at, @Nullable Integer statusCode, long durationMs,
        AttemptOutcome outcome, @Nullable String error) {
}
