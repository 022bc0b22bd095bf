package io.dispatch.callback.policy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Decides which hosts Dispatch may call back (server-side request forgery protection). It resolves
 * and judges; it never connects. The same judgement runs at submission and at every attempt, on the
 * very addresses the attempt then dials.
 */
public class CallbackPolicy {

    /** Lookups at submission at once, at most; past that a host is judged at delivery, as one that does not resolve. */
    private static final int MOST_LOOKUPS = 16;

    private final HostResolver resolver;
    private final boolean allowPrivateNetworks;
    private final Set<String> allowedHosts;
    private final Duration lookupTimeout;
    private final ExecutorService lookups;

    public CallbackPolicy(HostResolver resolver, boolean allowPrivateNetworks, List<String> allowedHosts) {
        this(resolver, allowPrivateNetworks, allowedHosts, Duration.ofSeconds(2));
    }

    public CallbackPolicy(HostResolver resolver, boolean allowPrivateNetworks, List<String> allowedHosts,
            Duration lookupTimeout) {
        this.resolver = resolver;
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.lookupTimeout = lookupTimeout;
        this.lookups = new ThreadPoolExecutor(0, MOST_LOOKUPS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "callback-lookup");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Judges a callback URL at submission. A host that does not resolve now, or not within the
     * lookup timeout, is not refused here: DNS may be down or slow for a moment, a request must not
     * wait on it, and every attempt judges the host again anyway.
     *
     * @return why the URL is refused, or empty when it may be used
     */
    public Optional<String> refusal(URI url) {
        String host = url.getHost();
        if (host == null || isAllowedHost(host)) {
            return Optional.empty();
        }
        return lookUp(host).flatMap(addresses -> refusal(host, addresses));
    }

    private Optional<List<InetAddress>> lookUp(String host) {
        Future<List<InetAddress>> lookup;
        try {
            lookup = lookups.submit(() -> resolver.resolve(host));
        }
        catch (RejectedExecutionException tooManyAtOnce) {
            return Optional.empty();
        }
        try {
            return Optional.of(lookup.get(lookupTimeout.toNanos(), TimeUnit.NANOSECONDS));
        }
        catch (TimeoutException slow) {
            lookup.cancel(true);
            return Optional.empty();
        }
        catch (ExecutionException failed) {
            if (failed.getCause() instanceof UnknownHostException) {
                return Optional.empty();
            }
            throw new IllegalStateException("Could not look up " + host, failed.getCause());
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Resolves a host for an attempt and returns only addresses the policy allows.
     *
     * @throws RefusedHostException when any address the host resolves to is refused
     */
    public List<InetAddress> resolveAllowed(String host) throws UnknownHostException {
        List<InetAddress> addresses = resolver.resolve(host);
        if (isAllowedHost(host)) {
            return addresses;
        }
        Optional<String> refusal = refusal(host, addresses);
        if (refusal.isPresent()) {
            throw new RefusedHostException(refusal.get());
        }
        return addresses;
    }

    private Optional<String> refusal(String host, List<InetAddress> addresses) {
        if (allowPrivateNetworks) {
            return Optional.empty();
        }
        // Every address must pass: a client may dial any of them, and an attacker controls the order.
        for (InetAddress address : addresses) {
            Optional<AddressClass.Range> range = AddressClass.refusing(address);
            if (range.isPresent()) {
                // The rule, not the address: what a name resolves to inside a network is not the caller's to learn.
                return Optional.of("host %s resolves to an address in %s, which is not globally reachable; the "
                        .formatted(host, range.get()) + "callback policy refuses it");
            }
        }
        return Optional.empty();
    }

    private boolean isAllowedHost(String host) {
        String normalized = stripBrackets(host).toLowerCase(Locale.ROOT);
        return allowedHosts.stream().anyMatch(allowed -> allowed.equals(normalized)
                || (allowed.startsWith("*.") && normalized.endsWith(allowed.substring(1))));
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** An attempt's host that the policy refuses; its message says why. */
    public static final class RefusedHostException extends UnknownHostException {

        RefusedHostException(String reason) {
            super(reason);
        }
    }
}
