package io.dispatch.client.limits;

import java.time.Duration;

/**
 * What the submission rate said to one request, and how the answer shows it (the IETF draft
 * <em>RateLimit header fields for HTTP</em>, draft-ietf-httpapi-ratelimit-headers-11).
 *
 * @param remaining tokens left after this request
 * @param untilFull when the bucket is full again
 * @param untilToken when the next token is back, for a refused request's {@code Retry-After}
 */
public record RateDecision(boolean allowed, ClientLimits limits, long remaining, Duration untilFull,
        Duration untilToken) {

    public static final String POLICY_HEADER = "RateLimit-Policy";
    public static final String HEADER = "RateLimit";

    private static final String POLICY = "\"submissions\"";

    /** The bucket: {@code q} tokens, which take {@code w} seconds to fill from empty. */
    public String policy() {
        long window = Math.max(1, ceilSeconds(Duration.ofSeconds(limits.submissionBurst())
                .dividedBy(limits.submissionsPerSecond())));
        return POLICY + ";q=" + limits.submissionBurst() + ";w=" + window;
    }

    /** What is left, {@code r}, and in how many seconds the bucket is full again, {@code t}. */
    public String state() {
        return POLICY + ";r=" + remaining + ";t=" + ceilSeconds(untilFull);
    }

    /** Whole seconds, at least one, until a refused request may succeed. */
    public long retryAfterSeconds() {
        return Math.max(1, ceilSeconds(untilToken));
    }

    private static long ceilSeconds(Duration duration) {
        return (duration.toNanos() + 999_999_999L) / 1_000_000_000L;
    }
}
