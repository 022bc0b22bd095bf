package io.dispatch.callback;

import java.util.List;

import io.dispatch.system.SmartBatcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Stores the outcomes of callback attempts: whatever has gathered while the last statement ran goes
 * into the next one ({@link DeliveryTable#recordAll}), so one attempt on a quiet machine is stored at
 * once and many under load share a statement. An outcome lost with the database (or the instance)
 * only means that the lease runs out and the attempt is made again: delivery is at least once.
 */
@Component
class AttemptCompleter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AttemptCompleter.class);
    private static final int MOST_PER_STATEMENT = 256;

    private final DeliveryTable table;
    private final SmartBatcher<Outgoing.Recorded> outcomes;

    AttemptCompleter(DeliveryTable table) {
        this.table = table;
        this.outcomes = new SmartBatcher<>("attempt-completer", MOST_PER_STATEMENT, Integer.MAX_VALUE, this::store);
    }

    void complete(Outgoing.Recorded recorded) {
        outcomes.offer(recorded);
    }

    private void store(List<Outgoing.Recorded> batch) {
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

    /** Stores what is still queued before the instance stops, so that no attempt is made twice needlessly. */
    @Override
    public void destroy() {
        outcomes.close();
    }
}
