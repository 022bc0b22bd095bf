package io.dispatch.tracking;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TicketCursorTest {

    private final TicketCursor.Position position = new TicketCursor.Position(
            Instant.parse("2026-12-05T10:15:30.123456Z"), UUID.fromString("0b9c7c5e-1111-4222-8333-444455556666"));

    @Test
    void readsBackThePositionItWroteToTheMicrosecond() {
        String cursor = TicketCursor.write(position, "filters");

        assertThat(TicketCursor.read(cursor, "filters")).contains(position);
        assertThat(cursor).doesNotContain("=", "+", "/");
    }

    @Test
    void refusesACursorMadeForOtherFilters() {
        assertThat(TicketCursor.read(TicketCursor.write(position, "filters"), "other filters")).isEmpty();
    }

    @Test
    void refusesWhatIsNoCursor() {
        assertThat(TicketCursor.read("not base64 at all!", "filters")).isEmpty();
        assertThat(TicketCursor.read(encode("1.notanumber." + position.id() + ".filters"), "filters")).isEmpty();
        assertThat(TicketCursor.read(encode("1.123.notauuid.filters"), "filters")).isEmpty();
        assertThat(TicketCursor.read(encode("2.123." + position.id() + ".filters"), "filters")).isEmpty();
        assertThat(TicketCursor.read(encode("1.123." + position.id()), "filters")).isEmpty();
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes());
    }
}
