package io.dispatch.callback.sending;

import java.util.List;

import io.dispatch.callback.DeliveryTable;
import io.dispatch.callback.Outgoing;
import io.dispatch.system.SmartBatcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores the outcomes of callback attempts: whatever has gathered while the last statement ran goes
 * into the next one ({@link DeliveryTable#recordAll}), so one attempt on a quiet machine is stored at
 * once and many under load share a statement. An outcome lost with the database (or the instance)
 * only means that the lease runs out and the attempt is made again: delivery is at least once.
 */
@Component
class AttemptCompleter extends SmartBatcher<Outgoing.Recorded> {

    private static final Logger log = LoggerFactory.getLogger(AttemptCompleter.class);
    private static final int MOST_PER_STATEMENT = 256;
    private static final int MOST_WAITING = 10_000;

    private final DeliveryTable table;

    AttemptCompleter(DeliveryTable table) {
        super("attempt-completer", MOST_PER_STATEMENT, MOST_WAITING);
        this.table = table;
    }

    void complete(Outgoing.Recorded recorded) {
        if (!offer(recorded)) {
            log.warn("Callback attempt of {} not stored: {} outcomes are waiting already; its claim runs out and it "
                    + "is made again", recorded.attempted().ticketId(), MOST_WAITING);
        }
    }

    @Override
    protected void handle(List<Outgoing.Recorded> batch) {
        try {
            int stored = table.recordAll(batch);
            if (stored < batch.size()) {
                log.warn("{} of {} callback attempts were not stored: their claims were taken over meanwhile",
                        batch.size() - stored, batch.size());
            }
        }
        catch (RuntimeException ex) {
            log.warn("Could not store {} callback attempts; their leases run out and they are made again: {}",
                    batch.size(), ex.getMessage());
        }
    }
}
