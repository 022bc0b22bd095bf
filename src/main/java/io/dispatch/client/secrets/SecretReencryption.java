package io.dispatch.client.secrets;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Moves the webhook secrets stored under a previous encryption key, or under one of unknown
 * version, to the current key, a hundred a round, every half minute and on every instance: each
 * move is a guarded statement, so two instances moving the same secret write it once. The gauge
 * {@code dispatch.secrets.old.key} says how many are left; at zero the previous key may go.
 */
@Component
class SecretReencryption implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SecretReencryption.class);
    private static final int BATCH = 100;
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final WebhookSecretTable table;
    private final SecretCipher cipher;
    private final AtomicLong left = new AtomicLong();

    SecretReencryption(WebhookSecretTable table, SecretCipher cipher, MeterRegistry meters) {
        this.table = table;
        this.cipher = cipher;
        Gauge.builder("dispatch.secrets.old.key", left, AtomicLong::get)
                .description("Webhook secrets not yet under the current encryption key")
                .register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::round, INTERVAL);
    }

    /** Moves one batch; returns how many secrets this call moved. */
    int round() {
        String current = cipher.currentVersion();
        try {
            List<WebhookSecretTable.Stale> stale = table.underOtherKeys(current, BATCH);
            int moved = 0;
            for (WebhookSecretTable.Stale secret : stale) {
                WebhookSecret plain = cipher.decrypt(secret.ciphertext(), secret.keyVersion(), secret.clientId());
                if (table.reencrypt(secret, cipher.encrypt(plain, secret.clientId()))) {
                    moved++;
                }
            }
            left.set(table.countUnderOtherKeys(current));
            if (moved > 0) {
                log.info("Moved {} webhook secrets under encryption key version {}; {} left under other keys", moved,
                        current, left.get());
            }
            return moved;
        }
        catch (RuntimeException ex) {
            log.warn("Could not move webhook secrets under encryption key version {}: {}", current, ex.getMessage());
            return 0;
        }
    }
}
