package io.dispatch.tracking;

import io.dispatch.system.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import io.dispatch.callback.DeliveryStatus;
import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;
import io.dispatch.system.ApiException;
import io.dispatch.system.FieldViolation;
import io.dispatch.system.ProblemType;
import io.dispatch.ticket.TicketStatus;

import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * What {@code GET /api/v1/tickets} asks for: the filters, combined with AND, the page size and where
 * the page starts. Read from the query parameters, every bad one answered as a {@code 400} that names it.
 *
 * @param scope the one client whose tickets are listed, or null for every client's (operators only)
 * @param after the page starts after this ticket (keyset paging: newest first, by creation and id)
 */
public record TicketFilter(@Nullable ClientId scope, @Nullable String requestId, List<TicketStatus> statuses,
        List<DeliveryStatus> callbackStatuses, @Nullable String type, @Nullable Instant createdAfter,
        @Nullable Instant createdBefore, int limit, TicketCursor.@Nullable Position after) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /**
     * Reads the filters from query parameters, as the caller may use them.
     *
     * @throws ApiException naming every bad parameter
     */
    public static TicketFilter of(MultiValueMap<String, String> query, Caller caller) {
        Parameters parameters = new Parameters(query);
        ClientId scope = caller.scope().orElse(null);
        String clientId = parameters.single("clientId");
        if (clientId != null) {
            if (!caller.isOperator()) {
                parameters.invalid("clientId", "only an admin key may filter by client; a client sees its own tickets");
            }
            else {
                scope = parameters.parse("clientId", clientId, text -> new ClientId(UUID.fromString(text)),
                        "must be a client id (a UUID)");
            }
        }
        TicketFilter filter = new TicketFilter(scope, parameters.single("requestId"),
                parameters.all("status", TicketStatus::valueOf, TicketStatus.values()),
                parameters.all("callbackStatus", DeliveryStatus::valueOf, DeliveryStatus.values()),
                parameters.single("type"), parameters.instant("createdAfter"), parameters.instant("createdBefore"),
                parameters.limit(), null);
        String cursor = parameters.single("cursor");
        TicketCursor.Position after = cursor == null ? null
                : TicketCursor.read(cursor, filter.fingerprint()).orElseGet(() -> {
                    parameters.invalid("cursor", "is not a cursor of this list with these filters");
                    return null;
                });
        parameters.throwIfInvalid();
        return filter.startingAfter(after);
    }

    private TicketFilter startingAfter(TicketCursor.@Nullable Position position) {
        return new TicketFilter(scope, requestId, statuses, callbackStatuses, type, createdAfter, createdBefore, limit,
                position);
    }

    /** Names the filters, not the page: a cursor is valid only for the filters it was made for. */
    String fingerprint() {
        String canonical = String.join("|", String.valueOf(scope), String.valueOf(requestId),
                new TreeSet<>(statuses.stream().map(Enum::name).toList()).toString(),
                new TreeSet<>(callbackStatuses.stream().map(Enum::name).toList()).toString(), String.valueOf(type),
                String.valueOf(createdAfter), String.valueOf(createdBefore));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(canonical)).substring(0, 12);
    }

    /** Reads the query parameters and gathers every problem, so that one answer names them all. */
    private static final class Parameters {

        private final MultiValueMap<String, String> query;
        private final List<FieldViolation> violations = new ArrayList<>();

        Parameters(MultiValueMap<String, String> query) {
            this.query = query;
        }

        @Nullable
        String single(String name) {
            List<String> values = query.get(name);
            if (values == null || values.isEmpty()) {
                return null;
            }
            if (values.size() > 1) {
                invalid(name, "may be given once");
            }
            String value = values.get(0);
            if (value.isBlank()) {
                invalid(name, "must not be empty");
            }
            return value;
        }

        <E extends Enum<E>> List<E> all(String name, Function<String, E> reader, E[] values) {
            List<E> parsed = new ArrayList<>();
            for (String value : query.getOrDefault(name, List.of())) {
                E status = parse(name, value.toUpperCase(Locale.ROOT), reader,
                        "must be one of " + java.util.Arrays.toString(values).replace(" ", ""));
                if (status != null && !parsed.contains(status)) {
                    parsed.add(status);
                }
            }
            return List.copyOf(parsed);
        }

        @Nullable
        Instant instant(String name) {
            String value = single(name);
            return value == null ? null : parse(name, value, Parameters::instantOf,
                    "must be an ISO-8601 instant, such as 2026-11-26T10:00:00Z");
        }

        int limit() {
            String value = single("limit");
            Integer limit = value == null ? Integer.valueOf(DEFAULT_LIMIT)
                    : parse("limit", value, Integer::valueOf, "must be a whole number from 1 to " + MAX_LIMIT);
            if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
                invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
            return limit == null ? DEFAULT_LIMIT : limit;
        }

        <T> @Nullable T parse(String name, String value, Function<String, T> parser, String message) {
            try {
                return parser.apply(value);
            }
            catch (RuntimeException unreadable) {
                invalid(name, message);
                return null;
            }
        }

        void invalid(String name, String message) {
            if (violations.stream().noneMatch(v -> v.field().equals(name))) {
                violations.add(new FieldViolation(name, message));
            }
        }

        void throwIfInvalid() {
            if (!violations.isEmpty()) {
                throw new ApiException(ProblemType.INVALID_REQUEST,
                        "The query has invalid parameters: " + String.join(", ",
                                violations.stream().map(FieldViolation::field).toList()) + ".", violations);
            }
        }

        private static Instant instantOf(String text) {
            try {
                return Instant.parse(text);
            }
            catch (DateTimeParseException notAnInstant) {
                // An offset sent unencoded ("+01:00") arrives with a space for its plus.
                return OffsetDateTime.parse(text.replace(' ', '+')).toInstant();
            }
        }
    }
}
