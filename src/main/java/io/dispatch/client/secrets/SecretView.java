package io.dispatch.client.secrets;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A live webhook secret, for the client that verifies with it. */
public record SecretView(String secret, Instant createdAt, @Nullable Instant expiresAt) {

    @Override
    public String toString() {
        return "SecretView[secret hidden, createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
    }
}
