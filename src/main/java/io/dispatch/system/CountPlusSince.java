package io.dispatch.system;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A number per key read from the database now and then, plus what this instance added since the
 * read began: exact on one instance between two reads, and with several over by at most what the
 * others added within one interval. What is added must be committed before {@link #add} is called,
 * so that a read that begins after it includes it.
 *
 * @param <K> what is counted per: a client
 */
public final class CountPlusSince<K> {

    private volatile Map<K, Long> counted = Map.of();
    private final Map<K, AtomicLong> since = new ConcurrentHashMap<>();

    /** Reads the counts again; when the read fails the last counts hold and the failure is the caller's. */
    public void recount(Supplier<Map<K, Long>> read) {
        Map<K, Long> before = new HashMap<>();
        since.forEach((key, added) -> before.put(key, added.get()));
        counted = Map.copyOf(read.get());
        // What was added before the read began is in it now.
        before.forEach((key, added) -> since.get(key).addAndGet(-added));
    }

    /** Counts one more, committed just now, until the next read includes it. */
    public void add(K key) {
        since.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    public long of(K key) {
        AtomicLong added = since.get(key);
        return counted.getOrDefault(key, 0L) + (added == null ? 0 : added.get());
    }
}
