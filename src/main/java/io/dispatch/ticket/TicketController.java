package io.dispatch.ticket;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

import io.dispatch.callback.AttemptView;
import io.dispatch.callback.DeliveryStatus;
import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;
import io.dispatch.system.ApiException;
import io.dispatch.system.ApiProperties;
import io.dispatch.system.ProblemType;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The v1 HTTP API: submit work, follow a ticket, see and repeat its callback. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "tickets", description = "Submit work, follow its ticket, see and repeat its callback")
class TicketController {

    private static final String PROBLEM = "application/problem+json";
    private static final String ECHO_TEST = """
            {"request-id": "12345", "email": "test@example.com", "name": "Jan", "surname": "Kowalski",
             "callbackUrl": "https://example.com/callback"}""";

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final TaskIntake intake;
    private final TicketQueries queries;
    private final ApiProperties properties;

    TicketController(TaskIntake intake, TicketQueries queries, ApiProperties properties) {
        this.intake = intake;
        this.queries = queries;
        this.properties = properties;
    }

    @Operation(summary = "Submit work", description = """
            Validates the request, stores a ticket and queues the work; the result is POSTed to callbackUrl. \
            request-id is the idempotency key (per client and task type): the same request again answers the same ticket \
            with Idempotent-Replayed: true.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object"),
                    examples = @ExampleObject(name = "echo-test", value = ECHO_TEST))))
    @ApiResponse(responseCode = "202", description = "Accepted; Location names the ticket")
    @ApiResponse(responseCode = "400", description = "Invalid fields (errors lists each), or malformed JSON",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "403", description = "An admin key: work is submitted with a client's key",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "Unknown task type", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "413", description = "Body over 64 KiB", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "415", description = "Not application/json", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "422", description = "request-id already used with a different payload",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "503", description = "Database unavailable; see Retry-After",
            content = @Content(mediaType = PROBLEM))
    @PostMapping(path = "/tasks/{type}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
    ResponseEntity<AcceptedTicket> submit(@AuthenticationPrincipal Caller caller, @PathVariable String type,
            HttpServletRequest request) throws IOException {
        // The security chain lets only client keys submit, so there is a client.
        ClientId clientId = caller.scope().orElseThrow();
        TaskIntake.Accepted accepted = intake.submit(clientId, type, readBody(request));
        Ticket ticket = accepted.ticket();
        String statusUrl = "/api/v1/tickets/" + ticket.id();
        ResponseEntity.BodyBuilder response = ResponseEntity.accepted().header("Location", statusUrl);
        if (accepted.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.body(new AcceptedTicket(ticket.id(), ticket.requestId(), ticket.type(),
                ticket.status(), statusUrl));
    }

    @Operation(summary = "A ticket: its work's status and result, and its callback's delivery")
    @ApiResponse(responseCode = "200", description = "The ticket")
    @ApiResponse(responseCode = "404", description = "Unknown or malformed id, or another client's ticket",
            content = @Content(mediaType = PROBLEM))
    @GetMapping("/tickets/{ticketId}")
    TicketView ticket(@AuthenticationPrincipal Caller caller, @PathVariable String ticketId) {
        return queries.get(ticketId, caller);
    }

    @Operation(summary = "The caller's tickets, newest first, filtered and paged", description = """
            Filters, each optional, combined with AND: requestId, status (repeatable), callbackStatus (repeatable),             type, createdAfter (inclusive), createdBefore (exclusive), clientId (admin keys only). limit: 1-200,             default 50. When more tickets match, the Link header names the next page (rel="next"), with the same             filters and a cursor.""")
    @ApiResponse(responseCode = "200", description = "A page of tickets; Link: <…>; rel=\"next\" when more match")
    @ApiResponse(responseCode = "400", description = "A bad parameter, or a cursor made for other filters; errors names it",
            content = @Content(mediaType = PROBLEM))
    @Parameter(name = "requestId", in = ParameterIn.QUERY, description = "exactly this request id")
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "a work status; repeat for several",
            array = @ArraySchema(schema = @Schema(implementation = TicketStatus.class)))
    @Parameter(name = "callbackStatus", in = ParameterIn.QUERY, description = "a delivery status; repeat for several",
            array = @ArraySchema(schema = @Schema(implementation = DeliveryStatus.class)))
    @Parameter(name = "type", in = ParameterIn.QUERY, description = "a task type")
    @Parameter(name = "createdAfter", in = ParameterIn.QUERY, description = "ISO-8601 instant, inclusive")
    @Parameter(name = "createdBefore", in = ParameterIn.QUERY, description = "ISO-8601 instant, exclusive")
    @Parameter(name = "clientId", in = ParameterIn.QUERY, description = "one client's tickets (admin keys only)")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-200, default 50")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "from the Link header of the page before")
    @GetMapping("/tickets")
    ResponseEntity<List<TicketView>> tickets(@AuthenticationPrincipal Caller caller,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        TicketFilter filter = TicketFilter.of(query, caller);
        TicketPage page = queries.list(filter);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.nextCursor() != null) {
            response.header("Link", "<" + nextPage(query, page.nextCursor()) + ">; rel=\"next\"");
        }
        return response.body(page.tickets());
    }

    @Operation(summary = "Every delivery attempt of a ticket's callback, oldest first")
    @ApiResponse(responseCode = "200", description = "The attempts")
    @ApiResponse(responseCode = "404", description = "Unknown ticket, or another client's",
            content = @Content(mediaType = PROBLEM))
    @GetMapping("/tickets/{ticketId}/attempts")
    List<AttemptView> attempts(@AuthenticationPrincipal Caller caller, @PathVariable String ticketId) {
        return queries.attempts(ticketId, caller);
    }

    @Operation(summary = "One more delivery of the callback, with a fresh retry budget and the same webhook-id")
    @ApiResponse(responseCode = "202", description = "Redelivery scheduled")
    @ApiResponse(responseCode = "404", description = "Unknown ticket, or another client's",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "409", description = "The work has not finished yet",
            content = @Content(mediaType = PROBLEM))
    @PostMapping("/tickets/{ticketId}/redeliver")
    ResponseEntity<TicketView> redeliver(@AuthenticationPrincipal Caller caller, @PathVariable String ticketId) {
        return ResponseEntity.accepted().body(queries.redeliver(ticketId, caller));
    }

    /** The same query with the next page's cursor, every value encoded (a "+" in an offset stays a plus). */
    private static String nextPage(MultiValueMap<String, String> query, String cursor) {
        StringJoiner parameters = new StringJoiner("&");
        query.forEach((name, values) -> {
            if (!name.equals("cursor")) {
                values.forEach(value -> parameters.add(encode(name) + "=" + encode(value)));
            }
        });
        parameters.add("cursor=" + cursor);
        return "/api/v1/tickets?" + parameters;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Reads at most the configured size, so an oversized body is refused without being held in memory. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        long limit = properties.maxBodySize().toBytes();
        long length = request.getContentLengthLong();
        if (length > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            if (length >= 0) {
                // The usual case: read into an array of the announced size, where reading up to the
                // limit allocated 16 KiB a request (a sixth of everything a ticket allocated).
                byte[] body = new byte[(int) length];
                int read = in.readNBytes(body, 0, body.length);
                return read == body.length ? body : Arrays.copyOf(body, read);
            }
            byte[] body = in.readNBytes((int) limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        }
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(ProblemType.BODY_TOO_LARGE, "The request body is larger than " + limit + " bytes.");
    }
}
