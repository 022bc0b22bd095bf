package io.dispatch.ticket;

import java.util.Optional;
import java.util.UUID;

/** The id a client follows its work by. */
public record TicketId(UUID value) {

    public static TicketId random() {
        return new TicketId(UUID.randomUUID());
    }

    /** Reads an id from a path; empty when it is not a UUID, which the API answers as not found. */
    public static Optional<TicketId> parse(String text) {
        try {
            return Optional.of(new TicketId(UUID.fromString(text)));
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
