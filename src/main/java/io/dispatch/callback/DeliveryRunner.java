package io.dispatch.callback;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs delivery attempts on a pool of their own, so that a slow receiver never holds up the
 * workers or other tickets' callbacks. Each attempt is sent outside any transaction; its outcome
 * and the next state are stored together, in a statement shared with the attempts that finished
 * at the same moment ({@link AttemptCompleter}).
 */
@Component
class DeliveryRunner {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRunner.class);

    private final CallbackDeliveryRepository deliveries;
    private final AttemptCompleter completer;
    private final CallbackSender sender;
    private final RetrySchedule schedule;
    private final TaskExecutor executor;
    private final Meter.MeterProvider<Timer> attempts;
    private final Counter retriesScheduled;
    private final Timer deliveryLag;
    private final Clock clock;

    DeliveryRunner(CallbackDeliveryRepository deliveries, AttemptCompleter completer, CallbackSender sender,
            CallbackProperties properties, @Qualifier("callbackExecutor") TaskExecutor executor, MeterRegistry meters,
            Clock clock) {
        this.deliveries = deliveries;
        this.completer = completer;
        this.sender = sender;
        this.schedule = RetrySchedule.of(properties);
        this.executor = executor;
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

    /**
     * Attempts a delivery this instance holds the lease of. When the pool is full the attempt is
     * left to the poller, which takes it over once the lease ends.
     */
    void attemptSoon(UUID ticketId) {
        submit(ticketId, () -> deliveries.findById(ticketId).map(CallbackDelivery::outgoing).ifPresent(this::attempt));
    }

    /** The same, for a delivery just stored: what to send is known, so the attempt need not read it back. */
    void attemptSoon(Outgoing outgoing) {
        submit(outgoing.ticketId(), () -> attempt(outgoing));
    }

    private void submit(UUID ticketId, Runnable attempt) {
        try {
            executor.execute(() -> {
                try (MDC.MDCCloseable mdc = MDC.putCloseable("ticketId", ticketId.toString())) {
                    attempt.run();
                }
                catch (RuntimeException ex) {
                    // The lease runs out and the poller tries again; nothing is lost.
                    log.warn("Could not complete a callback attempt of ticket {}: {}", ticketId, ex.getMessage());
                }
            });
        }
        catch (RejectedExecutionException full) {
            log.debug("Callback pool full; delivery of {} is left to the poller", ticketId);
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
