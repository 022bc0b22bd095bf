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
    private final Clock clock;

    CallbackDeliveries(CallbackDeliveryRepository deliveries, CallbackAttemptRepository attempts, DeliveryStore store,
            DeliveryRunner runner, CallbackProperties properties, JsonMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.store = store;
        this.runner = runner;
        this.schedule = RetrySchedule.of(properties);
        this.lease = properties.lease();
        this.json = json;
        this.clock = clock;
    }

    /**
     * Stores deliveries in the caller's transaction (a JDBC or a JPA one), one statement for them
     * all, so the work's outcomes and the promise to deliver them are written together. First
     * attempts start once that transaction commits.
     *
     * @throws IllegalStateException outside a transaction
     */
    public void scheduleAll(List<CallbackEvent> events) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("deliveries are scheduled in the transaction that stores the outcomes");
        }
        if (events.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Duration delay = schedule.firstDelay();
        // A delivery due at once is leased at once: this instance attempts it right after the commit.
        Instant leaseUntil = delay.isZero() ? now.plus(lease) : null;
        List<Outgoing> firsts = events.stream()
                .map(event -> Outgoing.first(event, body(event, now)))
                .toList();
        store.scheduleAll(firsts, now.plus(delay), leaseUntil, now);
        if (leaseUntil != null) {
            afterCommit(() -> firsts.forEach(runner::attemptSoon));
        }
    }

    private String body(CallbackEvent event, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("timestamp", now);
        body.put("data", event.data());
        return json.writeValueAsString(body);
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
