package io.dispatch.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.dispatch.client.ClientId;

import org.jspecify.annotations.Nullable;

/**
 * One claimed attempt of a delivery: what it sends, the state of the delivery it starts from, and
 * the claim that lets it be sent. Enough to POST and to store the outcome without reading the
 * delivery first.
 *
 * @param attemptsBefore the attempts the delivery had when this one was claimed
 * @param budgetStart the attempts made before the current retry budget began; a redelivery starts a new budget
 * @param claim the claim's number; the outcome is stored only while it is still the delivery's current one
 * @param startBy when the claim's lease ends: an attempt not started by then is dropped, not sent,
 *        because another instance may take the delivery over once the claim has run its course
 */
public record Outgoing(UUID ticketId, ClientId clientId, String url, String body, @Nullable String traceParent, int attemptsBefore,
        int budgetStart, @Nullable Instant submittedAt, long claim, Instant startBy) {

    /** The number of the claim taken with the insert of a delivery that is due at once. */
    public static final long FIRST_CLAIM = 1;

    /** The first attempt of a delivery just scheduled, claimed with its insert. */
    public static Outgoing first(CallbackEvent event, String body, Instant startBy) {
        return new Outgoing(event.ticketId(), event.clientId(), event.url(), body, event.traceParent(), 0, 0,
                event.submittedAt(), FIRST_CLAIM, startBy);
    }

    /** True once this claim may no longer be sent. */
    public boolean lapsed(Instant now) {
        return now.isAfter(startBy);
    }

    /**
     * The delivery's state machine, {@code PENDING → RETRYING* → DELIVERED | EXHAUSTED}: where this
     * attempt's result takes it.
     */
    public Recorded after(AttemptResult result, RetrySchedule schedule, Instant now) {
        int attempt = attemptsBefore + 1;
        if (result.succeeded()) {
            // The lag is from submission to a first delivery, so a redelivery does not count.
            Duration lag = budgetStart == 0 && submittedAt != null ? Duration.between(submittedAt, now) : null;
            return new Recorded(this, attempt, DeliveryStatus.DELIVERED, null, now, result, lag);
        }
        Optional<Instant> retryAt = result.gone()
                ? Optional.empty()
                : schedule.nextDelay(attempt - budgetStart, result.retryAfter()).map(now::plus);
        DeliveryStatus status = retryAt.isPresent() ? DeliveryStatus.RETRYING : DeliveryStatus.EXHAUSTED;
        return new Recorded(this, attempt, status, retryAt.orElse(null), now, result, null);
    }

    /** An attempt's outcome and the state it moved the delivery to. */
    public record Recorded(Outgoing attempted, int attempt, DeliveryStatus status, @Nullable Instant nextAttemptAt,
            Instant at, AttemptResult result, @Nullable Duration lag) {
    }
}
