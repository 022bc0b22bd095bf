package io.dispatch.callback;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs delivery attempts on a pool of their own, so that a slow receiver never holds up the
 * workers or other tickets' callbacks. Each attempt is sent outside any transaction; its outcome
 * and the next state are stored together in one.
 */
@Component
class DeliveryRunner {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRunner.class);

    private final CallbackDeliveryRepository deliveries;
    private final CallbackAttemptRepository attempts;
    private final CallbackSender sender;
    private final RetrySchedule schedule;
    private final TaskExecutor executor;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DeliveryRunner(CallbackDeliveryRepository deliveries, CallbackAttemptRepository attempts, CallbackSender sender,
            CallbackProperties properties, @Qualifier("callbackExecutor") TaskExecutor executor,
            TransactionTemplate transaction, Clock clock) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.sender = sender;
        this.schedule = RetrySchedule.of(properties);
        this.executor = executor;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Attempts a delivery this instance holds the lease of. When the pool is full the attempt is
     * left to the poller, which takes it over once the lease ends.
     */
    void attemptSoon(UUID ticketId) {
        try {
            executor.execute(() -> attempt(ticketId));
        }
        catch (RejectedExecutionException full) {
            log.debug("Callback pool full; delivery of {} is left to the poller", ticketId);
        }
    }

    private void attempt(UUID ticketId) {
        try {
            CallbackDelivery delivery = deliveries.findById(ticketId).orElseThrow();
            AttemptResult result = sender.send(ticketId, delivery.url(), delivery.body());
            DeliveryView view = transaction.execute(status -> record(ticketId, result));
            log.info("Callback of ticket {} attempt {}: {} ({} ms){}", ticketId, view.attempts(), view.status(),
                    result.duration().toMillis(), result.succeeded() ? "" : " " + describe(result));
        }
        catch (RuntimeException ex) {
            // The lease runs out and the poller tries again; nothing is lost.
            log.warn("Could not complete a callback attempt of ticket {}: {}", ticketId, ex.getMessage());
        }
    }

    private DeliveryView record(UUID ticketId, AttemptResult result) {
        CallbackDelivery delivery = deliveries.findById(ticketId).orElseThrow();
        Instant now = clock.instant();
        attempts.save(delivery.record(result, schedule, now));
        return delivery.view();
    }

    private static String describe(AttemptResult result) {
        String failure = result.describeFailure();
        return failure != null ? failure : "status " + result.statusCode();
    }
}
