package io.dispatch.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;

/**
 * The delivery of one ticket's callback: a small state machine, {@code PENDING → RETRYING* →
 * DELIVERED | EXHAUSTED}, with a lease that says which instance is attempting it right now.
 */
@Entity
@Table(name = "callback_deliveries")
class CallbackDelivery implements Persistable<UUID> {

    @Id
    private UUID ticketId;
    private String url;
    private String body;
    @Enumerated(EnumType.STRING)
    private DeliveryStatus status;
    private int attempts;
    /** Attempts made before the current retry budget began; a redelivery starts a new budget. */
    private int budgetStart;
    private @Nullable Instant nextAttemptAt;
    private @Nullable Instant leaseUntil;
    private @Nullable Instant lastAttemptAt;
    private @Nullable Integer lastStatusCode;
    private @Nullable Instant submittedAt;
    private @Nullable String traceParent;
    private Instant createdAt;
    private Instant updatedAt;

    @Transient
    private boolean isNew;

    @SuppressWarnings("NullAway.Init")
    protected CallbackDelivery() {
        // for JPA
    }

    private CallbackDelivery(CallbackEvent event, String body, @Nullable String traceParent, Instant firstAttemptAt,
            Instant now) {
        this.ticketId = event.ticketId();
        this.url = event.url();
        this.body = body;
        this.submittedAt = event.submittedAt();
        this.traceParent = traceParent;
        this.status = DeliveryStatus.PENDING;
        this.nextAttemptAt = firstAttemptAt;
        this.createdAt = now;
        this.updatedAt = now;
        this.isNew = true;
    }

    static CallbackDelivery pending(CallbackEvent event, String body, @Nullable String traceParent,
            Instant firstAttemptAt, Instant now) {
        return new CallbackDelivery(event, body, traceParent, firstAttemptAt, now);
    }

    /** Takes the delivery for an attempt by this instance until the lease ends. */
    void lease(Instant until) {
        this.leaseUntil = until;
    }

    /** Records an attempt's outcome and moves to the next state; returns the attempt to store. */
    CallbackAttempt record(AttemptResult result, RetrySchedule schedule, Instant now) {
        attempts++;
        lastAttemptAt = now;
        lastStatusCode = result.statusCode();
        leaseUntil = null;
        updatedAt = now;
        Optional<Duration> retry = result.succeeded() || result.gone()
                ? Optional.empty()
                : schedule.nextDelay(attempts - budgetStart, result.retryAfter());
        if (result.succeeded()) {
            status = DeliveryStatus.DELIVERED;
            nextAttemptAt = null;
        }
        else if (retry.isPresent()) {
            status = DeliveryStatus.RETRYING;
            nextAttemptAt = now.plus(retry.get());
        }
        else {
            status = DeliveryStatus.EXHAUSTED;
            nextAttemptAt = null;
        }
        return new CallbackAttempt(ticketId, attempts, now, result);
    }

    /** Starts a fresh retry budget with an attempt right away; attempt numbers go on counting. */
    void redeliver(Instant now, Instant leaseUntil) {
        status = DeliveryStatus.PENDING;
        budgetStart = attempts;
        nextAttemptAt = now;
        this.leaseUntil = leaseUntil;
        updatedAt = now;
    }

    /** From submission to a first delivery; empty for other outcomes and for redeliveries. */
    Optional<Duration> deliveryLag() {
        return status == DeliveryStatus.DELIVERED && budgetStart == 0 && submittedAt != null && lastAttemptAt != null
                ? Optional.of(Duration.between(submittedAt, lastAttemptAt))
                : Optional.empty();
    }

    DeliveryView view() {
        return new DeliveryView(url, status, attempts, lastAttemptAt, lastStatusCode, nextAttemptAt);
    }

    @Override
    public UUID getId() {
        return ticketId;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markNotNew() {
        this.isNew = false;
    }

    String url() {
        return url;
    }

    String body() {
        return body;
    }

    Outgoing outgoing() {
        return new Outgoing(ticketId, url, body, traceParent);
    }
}
