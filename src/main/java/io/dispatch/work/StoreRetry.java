package io.dispatch.work;

import java.time.Duration;
import java.util.function.Supplier;

import io.dispatch.system.sql.DatabaseFailures;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps trying a store operation while the database is away, holding the message unacknowledged,
 * so a task is neither lost nor dead-lettered by an outage. On shutdown it gives the message back
 * to the broker instead.
 */
@Component
class StoreRetry {

    private static final Logger log = LoggerFactory.getLogger(StoreRetry.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);

    private final Duration maxPause;
    private volatile boolean closing;

    StoreRetry(WorkProperties properties) {
        this.maxPause = properties.storeRetryMaxBackoff();
    }

    <T> T call(Supplier<T> operation) {
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                return operation.get();
            }
            catch (RuntimeException ex) {
                if (!DatabaseFailures.isUnavailable(ex)) {
                    throw ex;
                }
                if (closing) {
                    throw new ImmediateRequeueAmqpException("database unavailable during shutdown", ex);
                }
                log.warn("Database unavailable, trying again in {} ms: {}", pause.toMillis(), ex.getMessage());
                pause(pause);
                pause = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
            }
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ImmediateRequeueAmqpException("interrupted while waiting for the database", ex);
        }
    }

    @EventListener(ContextClosedEvent.class)
    void closing() {
        closing = true;
    }
}
