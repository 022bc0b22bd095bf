package io.dispatch.outbox;

import io.dispatch.ticket.TicketTable;
import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Hands out again tickets whose work was lost: {@code PROCESSING} for too long (the worker died and
 * its message is gone too) or published long ago and never started (the message was dead-lettered).
 * It asks the ticket table to move them back to {@code ACCEPTED} without an outbox mark, and the
 * relay publishes them.
 */
@Component
class StuckTicketSweeper implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(StuckTicketSweeper.class);
    private final TicketTable tickets;
    private final OutboxProperties properties;
    private final Clock clock;

    StuckTicketSweeper(TicketTable tickets, OutboxProperties properties, Clock clock) {
        this.tickets = tickets;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::sweep, properties.sweepInterval());
    }

    void sweep() {
        try {
            int released = tickets.handOutLostWork(clock.instant().minus(properties.stuckAfter()));
            if (released > 0) {
                log.warn("Handed out again {} tickets whose work was lost", released);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Stuck-ticket sweep could not run: {}", ex.getMessage());
        }
    }
}
