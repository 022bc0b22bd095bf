package io.dispatch.callback.sending;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.dispatch.callback.CallbackProperties;

import org.springframework.stereotype.Component;

/**
 * This instance's room for claimed attempts: those in flight, one per sending thread, and a few
 * waiting for a thread. A delivery is claimed only when there is room for it, so a claim waits here
 * at most until its lease runs out (the attempt is then dropped unsent); and one delivery holds at
 * most one place, so a copy of an attempt already here is never sent beside it.
 */
@Component
class SendingSlots {

    /** Places per sending thread: one in flight, the rest waiting, enough for a burst's first attempts. */
    static final int PLACES_PER_THREAD = 8;

    enum Taken { TAKEN, FULL, ALREADY_HERE }

    private final Semaphore free;
    private final Set<UUID> here = ConcurrentHashMap.newKeySet();

    SendingSlots(CallbackProperties properties) {
        this.free = new Semaphore(properties.concurrency() * PLACES_PER_THREAD);
    }

    /** How many deliveries may be claimed, once at least one may or the wait is over (then none). */
    int awaitFree(Duration atMost) throws InterruptedException {
        if (!free.tryAcquire(atMost.toNanos(), TimeUnit.NANOSECONDS)) {
            return 0;
        }
        free.release();
        return free.availablePermits();
    }

    Taken take(UUID ticketId) {
        if (!free.tryAcquire()) {
            return Taken.FULL;
        }
        if (!here.add(ticketId)) {
            free.release();
            return Taken.ALREADY_HERE;
        }
        return Taken.TAKEN;
    }

    void give(UUID ticketId) {
        here.remove(ticketId);
        free.release();
    }
}
