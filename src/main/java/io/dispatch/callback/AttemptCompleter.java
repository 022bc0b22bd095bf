package io.dispatch.callback;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Stores the outcomes of callback attempts: whatever has gathered while the last statement ran goes
 * into the next one ({@link DeliveryStore#recordAll}), so one attempt on a quiet machine is stored at
 * once and many under load share a statement. An outcome lost with the database (or the instance)
 * only means that the lease runs out and the attempt is made again: delivery is at least once.
 */
@Component
class AttemptCompleter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AttemptCompleter.class);
    private static final int MOST_PER_STATEMENT = 256;

    private final BlockingQueue<Outgoing.Recorded> queue = new LinkedBlockingQueue<>();
    private final DeliveryStore store;
    private final Thread writer;

    AttemptCompleter(DeliveryStore store) {
        this.store = store;
        this.writer = new Thread(this::write, "attempt-completer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    void complete(Outgoing.Recorded recorded) {
        queue.add(recorded);
    }

    private void write() {
        List<Outgoing.Recorded> batch = new ArrayList<>(MOST_PER_STATEMENT);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MOST_PER_STATEMENT - 1);
                int stored = store.recordAll(batch);
                if (stored < batch.size()) {
                    log.warn("{} of {} callback attempts were not stored: another instance took their deliveries over",
                            batch.size() - stored, batch.size());
                }
            }
            catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
            catch (RuntimeException ex) {
                log.warn("Could not store {} callback attempts; their leases run out and they are made again: {}",
                        batch.size(), ex.getMessage());
            }
            finally {
                batch.clear();
            }
        }
    }

    /** Stores what is still queued before the instance stops, so that no attempt is made twice needlessly. */
    @Override
    public void destroy() {
        writer.interrupt();
        List<Outgoing.Recorded> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            try {
                store.recordAll(rest);
            }
            catch (RuntimeException ex) {
                log.warn("Could not store {} callback attempts at shutdown: {}", rest.size(), ex.getMessage());
            }
        }
    }
}
