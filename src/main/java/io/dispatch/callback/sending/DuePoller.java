package io.dispatch.callback.sending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.dispatch.callback.CallbackProperties;
import io.dispatch.callback.DeliveryTable;
import io.dispatch.callback.Outgoing;
import io.dispatch.client.limits.Limits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Claims deliveries whose next attempt is due, and those whose claim ran its course (their
 * instance died), client by client, as many as each client's lane has room for, and sends them.
 */
@Component
class DuePoller implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DuePoller.class);
    private static final Duration ROUND_SPACING = Duration.ofMillis(20);

    private final DeliveryTable table;
    private final DeliveryRunner runner;
    private final SendingSlots slots;
    private final CallbackProperties properties;
    private final Limits limits;
    private final Clock clock;

    DuePoller(DeliveryTable table, DeliveryRunner runner, SendingSlots slots, CallbackProperties properties,
            Limits limits, Clock clock) {
        this.table = table;
        this.runner = runner;
        this.slots = slots;
        this.properties = properties;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::attemptDue, properties.pollInterval());
    }

    /**
     * Claims what is due, client by client, as much as each client's lane has room for, and again
     * as places are given back, for up to one interval; then the other scheduled jobs get their
     * turn. A poll that found less due than there was room for ends the round: nothing else is due.
     */
    void attemptDue() {
        Instant until = clock.instant().plus(properties.pollInterval());
        try {
            while (clock.instant().isBefore(until)) {
                List<SendingSlots.Room> rooms = slots.rooms(limits.clients().stream().map(Limits.LimitedClient::id)
                        .toList());
                int free = slots.free();
                int wanted = Math.min(free, rooms.stream().mapToInt(SendingSlots.Room::fresh).sum());
                if (wanted > 0) {
                    Instant now = clock.instant();
                    List<Outgoing> claimed = table.claimDue(rooms.stream()
                            .map(room -> new DeliveryTable.ClientRoom(room.clientId(), room.fresh(), room.retries()))
                            .toList(), wanted, now, now.plus(properties.lease()), now.plus(properties.claimLength()));
                    runner.attemptAll(claimed);
                    if (claimed.size() < wanted) {
                        return;
                    }
                }
                // Every lane with due work is full, or this poll took all it could: claim again once a
                // place is given back, but no more often than every few milliseconds, so that a busy
                // instance gathers what was given back into one statement.
                slots.awaitRelease(Duration.between(clock.instant(), until));
                TimeUnit.MILLISECONDS.sleep(ROUND_SPACING.toMillis());
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
