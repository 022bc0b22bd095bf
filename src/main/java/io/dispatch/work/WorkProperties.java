package io.dispatch.work;

import java.time.Duration;

import io.dispatch.system.Settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the workers.
 *
 * @param maxAttempts how many times a use case that throws {@link TransientUseCaseException} runs before the ticket fails
 * @param backoff the pause before the second run; it doubles for each run after
 * @param storeRetryMaxBackoff the longest pause between tries to store a ticket's state while the database is away
 * @param deliveryLimit how often the broker delivers one message before dead-lettering it
 * @param batchSize the most tasks a worker claims, runs and acknowledges together (keep it at the prefetch)
 * @param batchWait how long a worker that has a task goes on gathering more for its batch
 * @param receiveTimeout the longest one wait for a task lasts: how often an idle worker wakes, and how
 *        much longer than {@code batchWait} a batch can wait for one more task
 */
@ConfigurationProperties("dispatch.work")
public record WorkProperties(
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("1s") Duration backoff,
        @DefaultValue("5s") Duration storeRetryMaxBackoff,
        @DefaultValue("20") int deliveryLimit,
        @DefaultValue("25") int batchSize,
        @DefaultValue("1ms") Duration batchWait,
        @DefaultValue("20ms") Duration receiveTimeout) {

    public WorkProperties {
        Settings.requireBetween("dispatch.work.max-attempts", maxAttempts, 1, 100);
        Settings.requirePositive("dispatch.work.backoff", backoff);
        Settings.requirePositive("dispatch.work.store-retry-max-backoff", storeRetryMaxBackoff);
        Settings.requireBetween("dispatch.work.delivery-limit", deliveryLimit, 1, 1_000);
        Settings.requireBetween("dispatch.work.batch-size", batchSize, 1, 1_000);
        Settings.requirePositive("dispatch.work.batch-wait", batchWait);
        Settings.requirePositive("dispatch.work.receive-timeout", receiveTimeout);
    }
}
