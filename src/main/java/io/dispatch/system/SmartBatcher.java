package io.dispatch.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Smart batching: one thread of its own hands whatever has queued while it was busy to
 * {@link #handle}. On a quiet machine every batch is one item, handled at once, so batching costs no
 * latency; under load a batch is as large as the work that waited. The queue is bounded: what does
 * not fit is refused at once, never held without end.
 * <p>
 * The thread runs from the application context's start to its stop. It stops after the web server
 * and the message listeners (phase 0), so that what they handed over is still handled: what is
 * queued at the stop goes to {@link #handle} before the stop returns.
 *
 * @param <T> what is queued
 */
public abstract class SmartBatcher<T> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmartBatcher.class);
    private static final long STOP_WAIT_MILLIS = 5_000;

    private final String name;
    private final BlockingQueue<T> queue;
    private final int mostPerBatch;
    private volatile Thread thread;

    /**
     * @param name the thread's name
     * @param mostPerBatch the largest batch handed over at once
     * @param capacity how many items may wait; {@link #offer} refuses more
     */
    protected SmartBatcher(String name, int mostPerBatch, int capacity) {
        if (mostPerBatch < 1 || capacity < 1) {
            throw new IllegalArgumentException("a batch and the queue hold at least one item");
        }
        this.name = name;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.mostPerBatch = mostPerBatch;
    }

    /** Takes one batch, on the batcher's thread; it deals with its own failures. */
    protected abstract void handle(List<T> batch);

    /** Queues an item for the next batch; false when the queue is full. */
    public boolean offer(T item) {
        return queue.offer(item);
    }

    @Override
    public synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Stops the thread once its batch is handled, then hands what is still queued to {@link #handle}. */
    @Override
    public synchronized void stop() {
        Thread running = thread;
        if (running == null) {
            return;
        }
        running.interrupt();
        try {
            running.join(STOP_WAIT_MILLIS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        List<T> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (int from = 0; from < rest.size(); from += mostPerBatch) {
            handleSafely(rest.subList(from, Math.min(rest.size(), from + mostPerBatch)));
        }
    }

    @Override
    public int getPhase() {
        return 0;
    }

    private void run() {
        List<T> batch = new ArrayList<>(mostPerBatch);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, mostPerBatch - 1);
                handleSafely(batch);
            }
            catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
            finally {
                batch.clear();
            }
        }
    }

    private void handleSafely(List<T> batch) {
        try {
            handle(batch);
        }
        catch (RuntimeException ex) {
            log.error("{} failed on a batch of {}", name, batch.size(), ex);
        }
    }
}
