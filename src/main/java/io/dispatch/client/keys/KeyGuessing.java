package io.dispatch.client.keys;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Throttles guessing keys: each source address may present {@code dispatch.security.failed-keys}
 * wrong keys (unknown ones; a revoked key is not a guess), bearer or sign-in, and gets them back a
 * minute later, all at once; with none left, it is refused before its key is looked at, right keys
 * included, so that a guess learns nothing. A token
 * bucket per address, in memory (Bucket4j, as the submission rate): each instance counts the
 * failures it saw. IPv6 addresses count by their /64, which one host usually holds whole. The
 * buckets are bounded in number and forgotten when full again, so a flood from many addresses
 * costs memory, not the lookups of good keys.
 */
@Component
public class KeyGuessing {

    private static final int MOST_ADDRESSES = 100_000;

    private final SecurityProperties properties;
    private final Cache<String, Bucket> buckets;

    KeyGuessing(SecurityProperties properties) {
        this.properties = properties;
        this.buckets = Caffeine.newBuilder().maximumSize(MOST_ADDRESSES).expireAfterAccess(Duration.ofMinutes(1))
                .build();
    }

    /** How long the request's address must wait before it may present a key again; empty when it may now. */
    public Optional<Duration> blocked(HttpServletRequest request) {
        Bucket bucket = buckets.getIfPresent(source(request));
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }

    /**
     * Counts a wrong key presented from the request's address; a revoked key is not a guess and
     * does not count.
     */
    public void failed(HttpServletRequest request, AuthenticationException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RevokedKeyException) {
                return;
            }
        }
        buckets.get(source(request), address -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(properties.failedKeys())
                        .refillIntervally(properties.failedKeys(), Duration.ofMinutes(1)).build())
                .build())
                .tryConsume(1);
    }

    /** Whole seconds, at least one, for {@code Retry-After}. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static String source(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // An IPv6 literal, as Tomcat gives the peer: parsed, not looked up.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 16) {
                return InetAddress.getByAddress(Arrays.copyOf(Arrays.copyOf(bytes, 8), 16)).getHostAddress() + "/64";
            }
        }
        catch (UnknownHostException notALiteral) {
            // Counted as it is.
        }
        return address;
    }
}
