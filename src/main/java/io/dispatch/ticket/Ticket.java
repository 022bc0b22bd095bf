package io.dispatch.ticket;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

/**
 * A client's request and what became of it (the talk's "command"). Its status only moves through
 * the transition methods below; the {@code version} column makes each transition a conditional
 * update, so two workers holding the same ticket cannot both move it.
 */
@Entity
@Table(name = "tickets")
class Ticket {

    @Id
    private UUID id;
    private String type;
    private String requestId;
    private String payload;
    private String payloadHash;
    private String callbackUrl;
    @Enumerated(EnumType.STRING)
    private TicketStatus status;
    private @Nullable String result;
    private @Nullable String error;
    private int runCount;
    @Version
    private long version;
    private Instant createdAt;
    private Instant updatedAt;
    private @Nullable Instant claimedAt;

    @SuppressWarnings("NullAway.Init")
    protected Ticket() {
        // for JPA
    }

    /**
     * Whether a task message may start this ticket's work. A redelivered message may take over a
     * ticket left in {@code PROCESSING}: the broker redelivers only once the consumer that held the
     * message is gone.
     */
    boolean canStart(boolean redelivered) {
        return status == TicketStatus.ACCEPTED || (redelivered && status == TicketStatus.PROCESSING);
    }

    void startProcessing(Instant now) {
        require(canStart(true), "start");
        status = TicketStatus.PROCESSING;
        runCount++;
        claimedAt = now;
        updatedAt = now;
    }

    void complete(String result, Instant now) {
        require(status == TicketStatus.PROCESSING, "complete");
        this.status = TicketStatus.COMPLETED;
        this.result = result;
        this.updatedAt = now;
    }

    void fail(String error, Instant now) {
        require(status == TicketStatus.PROCESSING, "fail");
        this.status = TicketStatus.FAILED;
        this.error = error;
        this.updatedAt = now;
    }

    private void require(boolean allowed, String transition) {
        if (!allowed) {
            throw new IllegalStateException("cannot " + transition + " ticket " + id + " in status " + status);
        }
    }

    TicketId id() {
        return new TicketId(id);
    }

    String type() {
        return type;
    }

    String requestId() {
        return requestId;
    }

    String payload() {
        return payload;
    }

    String payloadHash() {
        return payloadHash;
    }

    String callbackUrl() {
        return callbackUrl;
    }

    TicketStatus status() {
        return status;
    }

    @Nullable
    String result() {
        return result;
    }

    @Nullable
    String error() {
        return error;
    }

    long version() {
        return version;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
