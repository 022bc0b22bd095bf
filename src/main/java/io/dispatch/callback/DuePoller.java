package io.dispatch.callback;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Claims deliveries whose next attempt is due, and those whose claim ran its course (their
 * instance died), as many as there are free sending slots, and sends them.
 */
@Component
class DuePoller {

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

    @Scheduled(fixedDelayString = "${dispatch.callback.poll-interval:1s}")
    void attemptDue() {
        int free = slots.free();
        if (free == 0) {
            return;
        }
        Instant now = clock.instant();
        try {
            runner.attemptAll(table.claimDue(free, now, now.plus(properties.lease()),
                    now.plus(properties.claimLength())));
        }
        catch (RuntimeException ex) {
            log.warn("Could not look for due callbacks: {}", ex.getMessage());
        }
    }
}
