package io.dispatch.client.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Remembers when each key was last used and writes it every few seconds, so that a request costs
 * a map entry rather than an {@code UPDATE}. {@code lastUsedAt} may lag by that much.
 */
@Component
class KeyUsage implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(KeyUsage.class);

    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private final ApiKeyTable keys;
    private final SecurityProperties properties;
    private final Clock clock;

    KeyUsage(ApiKeyTable keys, SecurityProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    void used(String keyId) {
        pending.put(keyId, clock.instant());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::flush, properties.lastUsedInterval());
    }

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
