package io.dispatch.callback.policy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which hosts Dispatch may call back (server-side request forgery protection). It resolves
 * and judges; it never connects. The same judgement runs at submission and at every attempt, on the
 * very addresses the attempt then dials.
 */
public class CallbackPolicy {

    private final HostResolver resolver;
    private final boolean allowPrivateNetworks;
    private final Set<String> allowedHosts;

    public CallbackPolicy(HostResolver resolver, boolean allowPrivateNetworks, List<String> allowedHosts) {
        this.resolver = resolver;
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /**
     * Judges a callback URL at submission. A host that does not resolve now is not refused here:
     * DNS may be down for a moment, and every attempt judges it again anyway.
     *
     * @return why the URL is refused, or empty when it may be used
     */
    public Optional<String> refusal(URI url) {
        String host = url.getHost();
        if (host == null || isAllowedHost(host)) {
            return Optional.empty();
        }
        try {
            return refusal(host, resolver.resolve(host));
        }
        catch (UnknownHostException ex) {
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
