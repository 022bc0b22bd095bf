package io.dispatch.tracking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dispatch.callback.DeliveryStatus;
import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;
import io.dispatch.system.ApiException;
import io.dispatch.system.FieldViolation;
import io.dispatch.ticket.TicketStatus;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TicketFilterTest {

    private final ClientId client = new ClientId(UUID.randomUUID());
    private final Caller clientCaller = new Caller(client, "key");
    private final Caller operator = new Caller(null, "admin");

    @Test
    void aClientSeesItsOwnTicketsFiftyAtATimeByDefault() {
        TicketFilter filter = TicketFilter.of(query(), clientCaller);

        assertThat(filter.scope()).isEqualTo(client);
        assertThat(filter.limit()).isEqualTo(50);
        assertThat(filter.statuses()).isEmpty();
        assertThat(filter.after()).isNull();
    }

    @Test
    void readsEveryFilterStatusesRepeatedAndInAnyCase() {
        TicketFilter filter = TicketFilter.of(query("status", "completed", "status", "FAILED", "status", "failed",
                "callbackStatus", "retrying", "type", "echo-test", "requestId", "r-1", "limit", "200",
                "createdAfter", "2026-12-01T00:00:00Z", "createdBefore", "2026-12-02T00:00:00 01:00"), operator);

        assertThat(filter.scope()).isNull();
        assertThat(filter.statuses()).containsExactly(TicketStatus.COMPLETED, TicketStatus.FAILED);
        assertThat(filter.callbackStatuses()).containsExactly(DeliveryStatus.RETRYING);
        assertThat(filter.type()).isEqualTo("echo-test");
        assertThat(filter.requestId()).isEqualTo("r-1");
        assertThat(filter.limit()).isEqualTo(200);
        assertThat(filter.createdAfter()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(filter.createdBefore()).isEqualTo(Instant.parse("2026-12-01T23:00:00Z"));
    }

    @Test
    void namesEveryBadParameterInOneAnswer() {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> TicketFilter.of(query("status", "DONE",
                "limit", "201", "createdAfter", "yesterday", "type", "a", "type", "b", "clientId",
                client.value().toString()), clientCaller));

        assertThat(refused.violations()).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("status", "limit", "createdAfter", "type", "clientId");
    }

    @Test
    void anOperatorNarrowsTheListToOneClient() {
        assertThat(TicketFilter.of(query("clientId", client.value().toString()), operator).scope()).isEqualTo(client);
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> TicketFilter.of(query("clientId", "not-a-uuid"), operator));
        assertThat(refused.violations()).extracting(FieldViolation::field).containsExactly("clientId");
    }

    @Test
    void aCursorHoldsOnlyForTheFiltersItWasMadeFor() {
        TicketFilter completed = TicketFilter.of(query("status", "COMPLETED"), clientCaller);
        String cursor = TicketCursor.write(new TicketCursor.Position(Instant.now(), UUID.randomUUID()),
                completed.fingerprint());

        TicketFilter samePage = TicketFilter.of(query("status", "COMPLETED", "cursor", cursor), clientCaller);
        ApiException otherFilters = catchThrowableOfType(ApiException.class,
                () -> TicketFilter.of(query("status", "FAILED", "cursor", cursor), clientCaller));

        assertThat(samePage.after()).isNotNull();
        assertThat(otherFilters.violations()).extracting(FieldViolation::field).containsExactly("cursor");
    }

    @Test
    void theFingerprintIgnoresTheOrderOfRepeatedStatusesButNotTheClient() {
        String one = TicketFilter.of(query("status", "COMPLETED", "status", "FAILED"), clientCaller).fingerprint();
        String other = TicketFilter.of(query("status", "FAILED", "status", "COMPLETED"), clientCaller).fingerprint();
        String anotherClient = TicketFilter.of(query("status", "COMPLETED", "status", "FAILED"),
                new Caller(new ClientId(UUID.randomUUID()), "key")).fingerprint();

        assertThat(one).isEqualTo(other).isNotEqualTo(anotherClient);
    }

    private static MultiValueMap<String, String> query(String... namesAndValues) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return query;
    }
}
