package io.dispatch.callback;

import java.time.Instant;
import java.util.UUID;

import io.dispatch.client.ClientId;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

/**
 * The delivery of one ticket's callback as stored, with a lease that says which instance is
 * attempting it right now. Its states, {@code PENDING → RETRYING* → DELIVERED | EXHAUSTED}, are
 * entered by {@link Outgoing#after} on the hot path ({@link DeliveryStore} writes them) and by
 * {@link #redeliver} here.
 */
@Entity
@Table(name = "callback_deliveries")
class CallbackDelivery {

    @Id
    private UUID ticketId;
    private UUID clientId;
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

    @SuppressWarnings("NullAway.Init")
    protected CallbackDelivery() {
        // for JPA
    }

    /** Starts a fresh retry budget with an attempt right away; attempt numbers go on counting. */
    void redeliver(Instant now, Instant leaseUntil) {
        status = DeliveryStatus.PENDING;
        budgetStart = attempts;
        nextAttemptAt = now;
        this.leaseUntil = leaseUntil;
        updatedAt = now;
    }

    DeliveryView view() {
        return new DeliveryView(url, status, attempts, lastAttemptAt, lastStatusCode, nextAttemptAt);
    }

    Outgoing outgoing() {
        return new Outgoing(ticketId, new ClientId(clientId), url, body, traceParent, attempts, budgetStart, submittedAt);
    }
}
