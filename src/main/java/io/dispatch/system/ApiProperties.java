package io.dispatch.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the HTTP API.
 *
 * @param maxBodySize the largest request body accepted, on every endpoint; larger ones get {@code 413}
 * @param retryAfter what {@code Retry-After} says on a {@code 503}
 */
@ConfigurationProperties("dispatch.api")
public record ApiProperties(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("5s") Duration retryAfter) {

    private static final DataSize LARGEST_BODY = DataSize.ofMegabytes(16);

    public ApiProperties {
        // A body is read whole into memory, on as many threads as requests come in.
        if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > LARGEST_BODY.toBytes()) {
            throw new IllegalArgumentException("dispatch.api.max-body-size must be between one byte and "
                    + LARGEST_BODY + ", not " + maxBodySize);
        }
        Settings.requirePositive("dispatch.api.retry-after", retryAfter);
    }

    /** The problem a body over {@link #maxBodySize} gets. */
    public ApiException bodyTooLarge() {
        return new ApiException(ProblemType.BODY_TOO_LARGE,
                "The request body is larger than " + maxBodySize.toBytes() + " bytes.");
    }
}
