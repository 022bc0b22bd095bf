package io.dispatch.callback.sending;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dispatch.callback.AttemptResult;
import io.dispatch.callback.AttemptsClaimed;
import io.dispatch.callback.CallbackProperties;
import io.dispatch.callback.DeliveryStatus;
import io.dispatch.callback.DeliveryTable;
import io.dispatch.callback.Outgoing;
import io.dispatch.callback.RetrySchedule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends claimed attempts, each in its client's lane ({@link SendingSlots}), so that a slow receiver
 * never holds up the workers nor another client's callbacks, and an attempt is sent only while its
 * claim holds. Each attempt is sent outside any transaction; its outcome and the next state are
 * stored together, in a statement shared with the attempts that finished at the same moment
 * ({@link AttemptCompleter}).
 */
@Component
class DeliveryRunner {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRunner.class);

    private final DeliveryTable table;
    private final SendingSlots slots;
    private final AttemptCompleter completer;
    private final CallbackSender sender;
    private final RetrySchedule schedule;
    private final Meter.MeterProvider<Timer> attempts;
    private final Counter retriesScheduled;
    private final Timer deliveryLag;
    private final Clock clock;

    DeliveryRunner(DeliveryTable table, SendingSlots slots, AttemptCompleter completer, CallbackSender sender,
            CallbackProperties properties, MeterRegistry meters, Clock clock) {
        this.table = table;
        this.slots = slots;
        this.completer = completer;
        this.sender = sender;
        this.schedule = RetrySchedule.of(properties);
        // Built once, not per attempt: an attempt is the hot path. The attempts' timer is looked up
        // by its tags; the other two have none and are registered here.
        this.attempts = Timer.builder("dispatch.callback.attempts")
                .description("Callback attempts, by outcome and the receiver's status class")
                .withRegistry(meters);
        this.retriesScheduled = Counter.builder("dispatch.callback.retries.scheduled").register(meters);
        this.deliveryLag = Timer.builder("dispatch.callback.delivery.lag")
                .description("From submission to the first successful delivery of a ticket's callback")
                .publishPercentileHistogram()
                .register(meters);
        this.clock = clock;
    }

    /** Sends the attempts a transaction claimed, once it has committed. */
    @TransactionalEventListener
    void attemptAll(AttemptsClaimed claimed) {
        attemptAll(claimed.attempts());
    }

    /**
     * Sends claimed attempts, each in its client's lane. Claims that find no room are given back
     * for the poller to claim again; a copy of an attempt already here is dropped.
     */
    void attemptAll(List<Outgoing> claimed) {
        List<Outgoing> noRoom = new ArrayList<>();
        for (Outgoing outgoing : claimed) {
            switch (slots.take(outgoing, () -> attemptInSlot(outgoing))) {
                case TAKEN -> log.trace("Callback of {} waits for its turn", outgoing.ticketId());
                case FULL -> noRoom.add(outgoing);
                case ALREADY_HERE -> log.debug("Callback of {} already claimed here; the copy is dropped",
                        outgoing.ticketId());
            }
        }
        if (!noRoom.isEmpty()) {
            giveBack(noRoom);
        }
    }

    private void attemptInSlot(Outgoing outgoing) {
        try (MDC.MDCCloseable mdc = MDC.putCloseable("ticketId", outgoing.ticketId().toString())) {
            attemptWhileClaimed(outgoing);
        }
        catch (RuntimeException ex) {
            // The claim runs its course and the poller tries again; nothing is lost.
            log.warn("Could not complete a callback attempt of ticket {}: {}", outgoing.ticketId(), ex.getMessage());
        }
    }

    private void attemptWhileClaimed(Outgoing outgoing) {
        if (outgoing.lapsed(clock.instant())) {
            log.info("Callback attempt of ticket {} dropped: its claim lapsed before it could be sent",
                    outgoing.ticketId());
            giveBack(List.of(outgoing));
            return;
        }
        attempt(outgoing);
    }

    private void giveBack(List<Outgoing> claims) {
        try {
            table.releaseAll(claims);
        }
        catch (RuntimeException ex) {
            log.debug("Could not give back {} callback claims; they lapse instead: {}", claims.size(), ex.getMessage());
        }
    }

    private void attempt(Outgoing outgoing) {
        AttemptResult result = sender.send(outgoing);
        Outgoing.Recorded recorded = outgoing.after(result, schedule, clock.instant());
        completer.complete(recorded);
        measure(recorded);
        // A delivered callback is the common case and is counted in the metrics; a failed one is news.
        if (result.succeeded()) {
            log.debug("Callback attempt {}: {} ({} ms)", recorded.attempt(), recorded.status(),
                    result.duration().toMillis());
        }
        else {
            log.info("Callback attempt {}: {} ({} ms) {}", recorded.attempt(), recorded.status(),
                    result.duration().toMillis(), describe(result));
        }
    }

    private void measure(Outgoing.Recorded recorded) {
        AttemptResult result = recorded.result();
        attempts.withTags("outcome", result.succeeded() ? "succeeded" : "failed",
                "status", result.statusCode() == null ? "none" : (result.statusCode() / 100) + "xx")
                .record(result.duration());
        if (recorded.status() == DeliveryStatus.RETRYING) {
            retriesScheduled.increment();
        }
        Duration lag = recorded.lag();
        if (lag != null) {
            deliveryLag.record(lag);
        }
    }

    private static String describe(AttemptResult result) {
        String failure = result.describeFailure();
        return failure != null ? failure : "status " + result.statusCode();
    }
}
