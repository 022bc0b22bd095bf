package io.dispatch.callback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/** The callback module's door: schedule a delivery, look at it, ask for it again. */
@Service
public class CallbackDeliveries {

    private final DeliveryTable table;
    private final ApplicationEventPublisher publisher;
    private final RetrySchedule schedule;
    private final CallbackProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    CallbackDeliveries(DeliveryTable table, ApplicationEventPublisher publisher, CallbackProperties properties,
            JsonMapper json, Clock clock) {
        this.table = table;
        this.publisher = publisher;
        this.schedule = RetrySchedule.of(properties);
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Stores deliveries in the caller's transaction, one statement for them all, so the work's
     * outcomes and the promise to deliver them are written together. First attempts are claimed by
     * the insert and sent once that transaction commits ({@link AttemptsClaimed}).
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
        Instant startBy = now.plus(properties.lease());
        List<Outgoing> firsts = events.stream()
                .map(event -> Outgoing.first(event, body(event, now), startBy))
                .toList();
        // A delivery due at once is claimed at once: this instance attempts it right after the commit.
        boolean claimed = delay.isZero();
        table.scheduleAll(firsts, now.plus(delay), claimed ? now.plus(properties.claimLength()) : null, now);
        if (claimed) {
            publisher.publishEvent(new AttemptsClaimed(firsts));
        }
    }

    private String body(CallbackEvent event, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("timestamp", now);
        body.put("data", event.data());
        return json.writeValueAsString(body);
    }

    /**
     * One more delivery with a fresh retry budget, attempted at once. Asked while an attempt is
     * claimed, in flight or waiting to be claimed, it is that attempt, and nothing changes.
     *
     * @return false when the ticket has no delivery
     */
    @Transactional
    public boolean redeliver(UUID ticketId) {
        Instant now = clock.instant();
        Optional<Outgoing> claimed = table.redeliver(ticketId, now, now.plus(properties.lease()),
                now.plus(properties.claimLength()));
        claimed.ifPresent(outgoing -> publisher.publishEvent(new AttemptsClaimed(List.of(outgoing))));
        return claimed.isPresent() || table.find(ticketId).isPresent();
    }

    @Transactional(readOnly = true)
    public Optional<DeliveryView> find(UUID ticketId) {
        return table.find(ticketId);
    }

    @Transactional(readOnly = true)
    public List<AttemptView> attempts(UUID ticketId) {
        return table.attempts(ticketId);
    }
}
