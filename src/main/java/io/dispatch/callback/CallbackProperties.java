package io.dispatch.callback;

import java.time.Duration;
import java.util.List;

import io.dispatch.system.Settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of callback delivery.
 *
 * @param retrySchedule the delay before each attempt of one delivery; its length is the number of attempts
 * @param jitter the largest fraction added at random to a delay, so that receivers are not hit in waves
 * @param timeout how long one attempt may take, from connecting to the last byte of the answer
 * @param connectTimeout how long connecting may take
 * @param concurrency how many attempts run at once
 * @param lease how long a claimed attempt may wait to be sent; an attempt that could not start
 *        within it is dropped, and the delivery is claimed afresh
 * @param pollInterval how often due retries are looked for
 * @param allowPrivateNetworks open the policy to loopback and private addresses
 * @param allowedHosts hosts (or {@code *.domain}) the policy lets through whatever they resolve to
 */
@ConfigurationProperties("dispatch.callback")
public record CallbackProperties(
        @DefaultValue({ "0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h" }) List<Duration> retrySchedule,
        @DefaultValue("0.1") double jitter,
        @DefaultValue("15s") Duration timeout,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("32") int concurrency,
        @DefaultValue("5s") Duration lease,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue List<String> allowedHosts) {

    public CallbackProperties {
        if (retrySchedule.isEmpty()) {
            throw new IllegalArgumentException("dispatch.callback.retry-schedule needs at least one step");
        }
        if (retrySchedule.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("dispatch.callback.retry-schedule steps cannot be negative");
        }
        Settings.requirePositive("dispatch.callback.timeout", timeout);
        Settings.requirePositive("dispatch.callback.connect-timeout", connectTimeout);
        Settings.requireAtLeast("dispatch.callback.concurrency", concurrency, 1);
        Settings.requirePositive("dispatch.callback.lease", lease);
        Settings.requirePositive("dispatch.callback.poll-interval", pollInterval);
    }

    /**
     * How long a claim keeps other instances off a delivery: the lease to start the attempt, and
     * then its longest possible run (connecting, then the timeout), so that past this the holder is gone.
     */
    public Duration claimLength() {
        return lease.plus(connectTimeout).plus(timeout);
    }
}
