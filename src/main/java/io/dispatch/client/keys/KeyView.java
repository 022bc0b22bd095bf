package io.dispatch.client.keys;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A key as listed: never the key itself. */
public record KeyView(String keyId, Instant createdAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
}
