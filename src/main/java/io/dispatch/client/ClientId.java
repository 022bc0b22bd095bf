package io.dispatch.client;

import java.util.Optional;
import java.util.UUID;

/** The id of a client application: its tickets, keys and webhook secrets hang on it. */
public record ClientId(UUID value) {

    public static ClientId random() {
        return new ClientId(UUID.randomUUID());
    }

    /** Reads an id from a path; empty when it is not a UUID, which the API answers as not found. */
    public static Optional<ClientId> parse(String text) {
        try {
            return Optional.of(new ClientId(UUID.fromString(text)));
        }
        catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
