package io.dispatch.client.keys;

import java.security.MessageDigest;
import java.util.Optional;

import io.dispatch.client.Caller;
import io.dispatch.system.sql.DatabaseFailures;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Tells who a bearer key belongs to, for Spring Security's opaque-token resource server. Admin keys
 * are compared with the configured ones; a client key's row is found by its key id and its hash
 * compared in constant time. What was read of an existing key is kept for {@code dispatch.security.key-cache-ttl},
 * so a busy client costs no query per request, and another instance sees a revocation within that time.
 */
@Component
public class KeyIntrospector implements OpaqueTokenIntrospector {

    private final SecuritySettings settings;
    private final ApiKeyTable keys;
    private final KeyUsage usage;
    private final Cache<String, ApiKeyTable.StoredKey> cache;

    KeyIntrospector(SecuritySettings settings, ApiKeyTable keys, KeyUsage usage, SecurityProperties properties) {
        this.settings = settings;
        this.keys = keys;
        this.usage = usage;
        this.cache = Caffeine.newBuilder().expireAfterWrite(properties.keyCacheTtl()).maximumSize(10_000).build();
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        byte[] hash = ApiKeyFormat.hash(token);
        if (settings.isAdminKey(hash)) {
            return Caller.operator();
        }
        ApiKeyTable.StoredKey key = ApiKeyFormat.keyId(token)
                .flatMap(this::lookUp)
                .filter(stored -> MessageDigest.isEqual(stored.hash(), hash))
                // One message for every reason, so a caller learns nothing about which keys exist.
                .orElseThrow(() -> new BadOpaqueTokenException("unknown or revoked key"));
        if (key.revoked()) {
            throw new RevokedKeyException();
        }
        usage.used(key.keyId());
        return Caller.client(key.clientId(), key.keyId());
    }

    /** Whether a client key is still good, as cheaply as a request's own check (the same cache). */
    boolean isLive(String keyId) {
        return lookUp(keyId).filter(stored -> !stored.revoked()).isPresent();
    }

    /** Forgets a key at once, so the instance that revoked it refuses it from the next request on. */
    public void forget(String keyId) {
        cache.invalidate(keyId);
    }

    private Optional<ApiKeyTable.StoredKey> lookUp(String keyId) {
        try {
            // A key id that is not found is not kept: a flood of made-up ones would push out the real
            // keys. Guessing is throttled per address instead (KeyGuessing).
            return Optional.ofNullable(cache.get(keyId, id -> keys.find(id).orElse(null)));
        }
        catch (RuntimeException ex) {
            if (DatabaseFailures.isUnavailable(ex)) {
                throw new KeyStoreUnavailableException(ex);
            }
            throw ex;
        }
    }
}
