package io.dispatch.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Smart batching: one thread of its own hands whatever has queued while it was busy to a handler.
 * On a quiet machine every batch is one item, handled at once, so batching costs no latency; under
 * load a batch is as large as the work that waited. The handler deals with its own failures.
 *
 * @param <T> what is queued
 */
public final class SmartBatcher<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmartBatcher.class);
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final BlockingQueue<T> queue;
    private final int mostPerBatch;
    private final Consumer<List<T>> handler;
    private final Thread thread;

    /**
     * Starts the batcher's thread.
     *
     * @param name the thread's name
     * @param mostPerBatch the largest batch handed over at once
     * @param capacity how many items may wait; {@link #offer} refuses more
     * @param handler takes each batch, on the batcher's thread
     */
    public SmartBatcher(String name, int mostPerBatch, int capacity, Consumer<List<T>> handler) {
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.mostPerBatch = mostPerBatch;
        this.handler = handler;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues an item for the next batch; false when the queue is full. */
    public boolean offer(T item) {
        return queue.offer(item);
    }

    private void run() {
        List<T> batch = new ArrayList<>(mostPerBatch);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, mostPerBatch - 1);
                handle(batch);
            }
            catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
            finally {
                batch.clear();
            }
        }
    }

    private void handle(List<T> batch) {
        try {
            handler.accept(batch);
        }
        catch (RuntimeException ex) {
            log.error("{} failed on a batch of {}", thread.getName(), batch.size(), ex);
        }
    }

    /** Stops the thread once its batch is handled, then hands what is still queued to the handler. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        List<T> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (int from = 0; from < rest.size(); from += mostPerBatch) {
            handle(rest.subList(from, Math.min(rest.size(), from + mostPerBatch)));
        }
    }
}
