package io.dispatch.callback;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** What one HTTP attempt brought back. */
public record AttemptResult(@Nullable Integer statusCode, @Nullable String error, Duration duration,
        @Nullable Duration retryAfter) {

    public static AttemptResult answered(int statusCode, Duration duration, @Nullable Duration retryAfter) {
        return new AttemptResult(statusCode, null, duration, retryAfter);
    }

    public static AttemptResult noAnswer(String error, Duration duration) {
        return new AttemptResult(null, error, duration, null);
    }

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /** A receiver that says the endpoint is gone for good wants no more attempts. */
    public boolean gone() {
        return statusCode != null && statusCode == 410;
    }

    public @Nullable String describeFailure() {
        if (error != null) {
            return error;
        }
        if (gone()) {
            return "receiver answered 410 Gone: no more attempts";
        }
        return statusCode != null && statusCode >= 300 && statusCode < 400
                ? "receiver answered a redirect (" + statusCode + "), which is not followed"
                : null;
    }
}
