package io.dispatch.callback;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

/** The stored record of one delivery attempt, as read back; {@link DeliveryStore} writes it. */
@Entity
@Table(name = "callback_attempts")
class CallbackAttempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private UUID ticketId;
    private int attempt;
    @Column(name = "attempted_at")
    private Instant at;
    private @Nullable Integer statusCode;
    private long durationMs;
    @Enumerated(EnumType.STRING)
    private AttemptOutcome outcome;
    private @Nullable String error;

    @SuppressWarnings("NullAway.Init")
    protected CallbackAttempt() {
        // for JPA
    }

    AttemptView view() {
        return new AttemptView(attempt, at, statusCode, durationMs, outcome, error);
    }
}
