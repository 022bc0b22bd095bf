package io.dispatch.callback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/** The callback module's door: schedule a delivery, look at it, ask for it again. */
@Service
public class CallbackDeliveries {

    private final CallbackDeliveryRepository deliveries;
    private final CallbackAttemptRepository attempts;
    private final DeliveryStore store;
    private final DeliveryRunner runner;
    private final RetrySchedule schedule;
    private final Duration lease;
    private final JsonMapper json;
    private final CurrentTrace trace;
    private final Clock clock;

    CallbackDeliveries(CallbackDeliveryRepository deliveries, CallbackAttemptRepository attempts, DeliveryStore store,
            DeliveryRunner runner, CallbackProperties properties, JsonMapper json, CurrentTrace trace, Clock clock) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.store = store;
        this.runner = runner;
        this.schedule = RetrySchedule.of(properties);
        this.lease = properties.lease();
        this.json = json;
        this.trace = trace;
        this.clock = clock;
    }

    /**
     * Stores a delivery in the caller's transaction, so the work's outcome and the promise to
     * deliver it are written together. The first attempt starts once that transaction commits.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void schedule(CallbackEvent event) {
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("timestamp", now);
        body.put("data", event.data());
        Outgoing first = Outgoing.first(event, json.writeValueAsString(body), trace.traceparent());
        Duration delay = schedule.firstDelay();
        // A delivery due at once is leased at once: this instance attempts it right after the commit.
        Instant leaseUntil = delay.isZero() ? now.plus(lease) : null;
        store.schedule(first, now.plus(delay), leaseUntil, now);
        if (leaseUntil != null) {
            afterCommit(() -> runner.attemptSoon(first));
        }
    }

    /** Starts a fresh retry budget for a delivery; false when the ticket has none. */
    @Transactional
    public boolean redeliver(UUID ticketId) {
        Optional<CallbackDelivery> delivery = deliveries.findById(ticketId);
        delivery.ifPresent(d -> {
            Instant now = clock.instant();
            d.redeliver(now, now.plus(lease));
            afterCommit(() -> runner.attemptSoon(ticketId));
        });
        return delivery.isPresent();
    }

    @Transactional(readOnly = true)
    public Optional<DeliveryView> find(UUID ticketId) {
        return deliveries.findById(ticketId).map(CallbackDelivery::view);
    }

    @Transactional(readOnly = true)
    public List<AttemptView> attempts(UUID ticketId) {
        return attempts.findByTicketIdOrderByAttempt(ticketId).stream().map(CallbackAttempt::view).toList();
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
