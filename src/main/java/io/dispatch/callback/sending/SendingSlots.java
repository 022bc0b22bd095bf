package io.dispatch.callback.sending;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.dispatch.callback.CallbackProperties;
import io.dispatch.callback.Outgoing;
import io.dispatch.client.ClientId;
import io.dispatch.client.limits.Limits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * This instance's room for claimed attempts, and the order they are sent in. Each client has a
 * lane: its attempts in flight, at most its {@code parallelCallbacks}, and a few waiting, at most as
 * many again, of which retries may hold only half, so a retrying receiver never keeps a fresh
 * callback of the same client out. The sending threads take the lanes in turn, one attempt each, so
 * a client with a slow or dead receiver holds at most its own lane and the others' callbacks go
 * out as if it were not there.
 * <p>
 * A delivery is claimed only when its lane has room, so a claim waits here at most until its lease
 * runs out (then it is dropped unsent); one delivery holds at most one place, so a copy of an
 * attempt already here is never sent beside it.
 */
@Component
class SendingSlots {

    private static final Logger log = LoggerFactory.getLogger(SendingSlots.class);

    /** Places per sending thread across all lanes: one in flight, the rest waiting. */
    static final int PLACES_PER_THREAD = 8;
    /** A lane's places per attempt it may have in flight: as many waiting as sending. */
    static final int PLACES_PER_PARALLEL = 2;

    enum Taken { TAKEN, FULL, ALREADY_HERE }

    /** How many more of a client's deliveries this instance may claim now, fresh ones and retries. */
    record Room(ClientId clientId, int fresh, int retries) {
    }

    private final int threads;
    private final int places;
    private final Limits limits;
    private final TaskExecutor executor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final Map<ClientId, Lane> lanes = new HashMap<>();
    private final ArrayDeque<Lane> turns = new ArrayDeque<>();
    private final Set<UUID> here = new HashSet<>();
    private int held;
    private int running;

    SendingSlots(CallbackProperties properties, Limits limits, @Qualifier("callbackExecutor") TaskExecutor executor) {
        this.threads = properties.concurrency();
        this.places = properties.concurrency() * PLACES_PER_THREAD;
        this.limits = limits;
        this.executor = executor;
    }

    private record Waiting(UUID ticketId, boolean retry, Runnable attempt) {
    }

    private static final class Lane {
        private final ClientId clientId;
        private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
        private int inFlight;
        private int held;
        private int retriesHeld;
        private boolean inTurn;

        Lane(ClientId clientId) {
            this.clientId = clientId;
        }
    }

    /** Takes a place for a claimed attempt, which runs in its lane's turn. */
    Taken take(Outgoing outgoing, Runnable attempt) {
        boolean retry = outgoing.attemptsBefore() > outgoing.budgetStart();
        lock.lock();
        try {
            if (here.contains(outgoing.ticketId())) {
                return Taken.ALREADY_HERE;
            }
            Lane lane = lanes.computeIfAbsent(outgoing.clientId(), Lane::new);
            int lanePlaces = lanePlaces(lane.clientId);
            if (held >= places || lane.held >= lanePlaces || retry && lane.retriesHeld >= retryPlaces(lanePlaces)) {
                if (lane.held == 0) {
                    lanes.remove(lane.clientId);
                }
                return Taken.FULL;
            }
            here.add(outgoing.ticketId());
            held++;
            lane.held++;
            lane.retriesHeld += retry ? 1 : 0;
            lane.waiting.add(new Waiting(outgoing.ticketId(), retry, attempt));
            offerTurn(lane);
            startWhatMay();
            return Taken.TAKEN;
        }
        finally {
            lock.unlock();
        }
    }

    /** What each of these clients may claim now; clients without room are left out. */
    List<Room> rooms(Collection<ClientId> clients) {
        lock.lock();
        try {
            List<Room> rooms = new ArrayList<>();
            for (ClientId clientId : clients) {
                Lane lane = lanes.get(clientId);
                int lanePlaces = lanePlaces(clientId);
                int fresh = lanePlaces - (lane == null ? 0 : lane.held);
                int retries = Math.min(fresh, retryPlaces(lanePlaces) - (lane == null ? 0 : lane.retriesHeld));
                if (fresh > 0) {
                    rooms.add(new Room(clientId, fresh, Math.max(0, retries)));
                }
            }
            return rooms;
        }
        finally {
            lock.unlock();
        }
    }

    /** How many places are free across all lanes. */
    int free() {
        lock.lock();
        try {
            return places - held;
        }
        finally {
            lock.unlock();
        }
    }

    /** Waits until a place is given back, or the time is up. */
    void awaitRelease(Duration atMost) throws InterruptedException {
        lock.lock();
        try {
            released.await(atMost.toNanos(), TimeUnit.NANOSECONDS);
        }
        finally {
            lock.unlock();
        }
    }

    /** A client's attempts in flight here now. */
    int inFlight(ClientId clientId) {
        lock.lock();
        try {
            Lane lane = lanes.get(clientId);
            return lane == null ? 0 : lane.inFlight;
        }
        finally {
            lock.unlock();
        }
    }

    private int lanePlaces(ClientId clientId) {
        return PLACES_PER_PARALLEL * limits.of(clientId).parallelCallbacks();
    }

    private static int retryPlaces(int lanePlaces) {
        return Math.max(1, lanePlaces / 2);
    }

    private boolean mayStart(Lane lane) {
        return !lane.waiting.isEmpty() && lane.inFlight < limits.of(lane.clientId).parallelCallbacks();
    }

    private void offerTurn(Lane lane) {
        if (!lane.inTurn && mayStart(lane)) {
            lane.inTurn = true;
            turns.add(lane);
        }
    }

    /** Starts attempts while threads are free, one per lane in turn. Holding the lock. */
    private void startWhatMay() {
        while (running < threads && !turns.isEmpty()) {
            Lane lane = turns.poll();
            lane.inTurn = false;
            if (!mayStart(lane)) {
                continue;
            }
            Waiting next = lane.waiting.poll();
            lane.inFlight++;
            running++;
            offerTurn(lane);
            try {
                executor.execute(() -> run(lane, next));
            }
            catch (RejectedExecutionException stopping) {
                log.debug("Callback of {} not sent: the service is stopping; its claim lapses", next.ticketId());
                finished(lane, next);
            }
        }
    }

    private void run(Lane lane, Waiting waiting) {
        try {
            waiting.attempt().run();
        }
        finally {
            lock.lock();
            try {
                finished(lane, waiting);
                startWhatMay();
            }
            finally {
                lock.unlock();
            }
        }
    }

    /** Gives an attempt's place back. Holding the lock. */
    private void finished(Lane lane, Waiting waiting) {
        lane.inFlight--;
        running--;
        lane.held--;
        lane.retriesHeld -= waiting.retry() ? 1 : 0;
        held--;
        here.remove(waiting.ticketId());
        if (lane.held == 0) {
            lanes.remove(lane.clientId);
        }
        else {
            offerTurn(lane);
        }
        released.signalAll();
    }
}
