package io.dispatch.callback.sending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.dispatch.callback.CallbackProperties;
import io.dispatch.callback.DeliveryTable;
import io.dispatch.callback.Outgoing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Claims deliveries whose next attempt is due, and those whose claim ran its course (their
 * instance died), as many as there is room to send, and sends them.
 */
@Component
class DuePoller implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DuePoller.class);

    private final DeliveryTable table;
    private final DeliveryRunner runner;
    private final SendingSlots slots;
    private final CallbackProperties properties;
    private final Clock clock;

    DuePoller(DeliveryTable table, DeliveryRunner runner, SendingSlots slots, CallbackProperties properties,
            Clock clock) {
        this.table = table;
        this.runner = runner;
        this.slots = slots;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::attemptDue, properties.pollInterval());
    }

    /**
     * Claims what is due batch after batch while there is room to send it, waiting for room as
     * threads free up, for up to one interval; then the other scheduled jobs get their turn.
     */
    void attemptDue() {
        Instant until = clock.instant().plus(properties.pollInterval());
        try {
            int free;
            while ((free = slots.awaitFree(Duration.between(clock.instant(), until))) > 0) {
                Instant now = clock.instant();
                List<Outgoing> claimed = table.claimDue(free, now, now.plus(properties.lease()),
                        now.plus(properties.claimLength()));
                runner.attemptAll(claimed);
                if (claimed.size() < free) {
                    return;
                }
            }
        }
        catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException ex) {
            log.warn("Could not look for due callbacks: {}", ex.getMessage());
        }
    }
}
