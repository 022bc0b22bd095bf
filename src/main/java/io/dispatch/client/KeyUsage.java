package io.dispatch.client;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembers when each key was last used and writes it every few seconds, so that a request costs
 * a map entry rather than an {@code UPDATE}. {@code lastUsedAt} may lag by that much.
 */
@Component
class KeyUsage {

    private static final Logger log = LoggerFactory.getLogger(KeyUsage.class);

    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private final ApiKeyStore keys;
    private final Clock clock;

    KeyUsage(ApiKeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    void used(String keyId) {
        pending.put(keyId, clock.instant());
    }

    @Scheduled(fixedDelayString = "${dispatch.security.last-used-interval:5s}")
    void flush() {
        Map<String, Instant> batch = new HashMap<>();
        for (String keyId : pending.keySet()) {
            Instant at = pending.remove(keyId);
            if (at != null) {
                batch.put(keyId, at);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            keys.touch(batch);
        }
        catch (RuntimeException ex) {
            log.debug("Could not store when {} keys were last used: {}", batch.size(), ex.getMessage());
        }
    }
}
