package io.dispatch.client.keys;

import java.time.Instant;

/** A key just made: the only time the key itself is shown. */
public record NewKey(String keyId, String key, Instant createdAt) {

    @Override
    public String toString() {
        return "NewKey[keyId=" + keyId + ", key hidden, createdAt=" + createdAt + "]";
    }
}
