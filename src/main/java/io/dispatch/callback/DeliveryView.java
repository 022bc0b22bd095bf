package io.dispatch.callback;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** The state of a ticket's callback delivery, as the ticket API shows it. */
public record DeliveryView(String url, DeliveryStatus status, int attempts, @Nullable Instant lastAttemptAt,
        @Nullable Integer lastStatusCode, @Nullable Instant nextAttemptAt) {

    /** A delivery that does not exist yet because the work has not ended. */
    public static DeliveryView notStarted(String url) {
        return new DeliveryView(url, DeliveryStatus.PENDING, 0, null, null, null);
    }
}
