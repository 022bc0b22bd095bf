package io.dispatch.callback;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Component;

/**
 * This instance's room for callbacks in flight. A delivery is claimed only when a slot is free to
 * send it, so no claim waits in a queue while its lease runs out; and one delivery holds at most
 * one slot, so a copy of an attempt already in flight is never sent beside it.
 */
@Component
class SendingSlots {

    enum Taken { TAKEN, FULL, ALREADY_IN_FLIGHT }

    private final Semaphore free;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

    SendingSlots(CallbackProperties properties) {
        this.free = new Semaphore(properties.concurrency());
    }

    /** How many deliveries may be claimed now. */
    int free() {
        return free.availablePermits();
    }

    Taken take(UUID ticketId) {
        if (!free.tryAcquire()) {
            return Taken.FULL;
        }
        if (!inFlight.add(ticketId)) {
            free.release();
            return Taken.ALREADY_IN_FLIGHT;
        }
        return Taken.TAKEN;
    }

    void give(UUID ticketId) {
        inFlight.remove(ticketId);
        free.release();
    }
}
