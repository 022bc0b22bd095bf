package io.dispatch.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The opaque cursor of the ticket list: where the next page starts (the last ticket of this page,
 * by creation time and id) and a fingerprint of the filters it was made for, so that a cursor used
 * with other filters is refused rather than silently skipping tickets.
 */
final class TicketCursor {

    private static final String VERSION = "1";

    /** A ticket's place in the list's order: newest first, ties broken by id. */
    public record Position(Instant createdAt, UUID id) {
    }

    private TicketCursor() {
    }

    static String write(Position position, String fingerprint) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, position.createdAt());
        String text = VERSION + "." + micros + "." + position.id() + "." + fingerprint;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position in a cursor made for these filters; empty for anything else. */
    static Optional<Position> read(String cursor, String fingerprint) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.", -1);
            if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[3].equals(fingerprint)) {
                return Optional.empty();
            }
            Instant createdAt = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            return Optional.of(new Position(createdAt, UUID.fromString(parts[2])));
        }
        catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
