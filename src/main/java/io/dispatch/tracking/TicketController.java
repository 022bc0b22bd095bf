package io.dispatch.tracking;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;

import jakarta.servlet.http.HttpServletResponse;

import io.dispatch.callback.AttemptView;
import io.dispatch.callback.DeliveryStatus;
import io.dispatch.client.Caller;
import io.dispatch.client.limits.SubmissionRate;
import io.dispatch.ticket.TicketStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The v1 API of following work: a ticket, the list, the attempts, and a redelivery. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "tickets", description = "Submit work, follow its ticket, see and repeat its callback")
class TicketController {

    private static final String PROBLEM = "application/problem+json";

    private final TicketTracking tracking;
    private final SubmissionRate submissionRate;

    TicketController(TicketTracking tracking, SubmissionRate submissionRate) {
        this.tracking = tracking;
        this.submissionRate = submissionRate;
    }

    @Operation(summary = "A ticket: its work's status and result, and its callback's delivery")
    @ApiResponse(responseCode = "200", description = "The ticket")
    @ApiResponse(responseCode = "404", description = "Unknown or malformed id, or another client's ticket",
            content = @Content(mediaType = PROBLEM))
    @GetMapping("/tickets/{ticketId}")
    TicketView ticket(@AuthenticationPrincipal Caller caller, @PathVariable String ticketId) {
        return tracking.get(ticketId, caller);
    }

    @Operation(summary = "The caller's tickets, newest first, filtered and paged", description = """
            Filters, each optional, combined with AND: requestId, status (repeatable), callbackStatus (repeatable), \
            type, createdAfter (inclusive), createdBefore (exclusive), clientId (admin keys only). limit: 1-200, \
            default 50. When more tickets match, the Link header names the next page (rel="next"), with the same \
            filters and a cursor.""")
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
        TicketPage page = tracking.list(filter);
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
        return tracking.attempts(ticketId, caller);
    }

    @Operation(summary = "One more delivery of the callback, with a fresh retry budget and the same webhook-id")
    @ApiResponse(responseCode = "202", description = "Redelivery scheduled")
    @ApiResponse(responseCode = "429", description = "Over the client's submission rate; see Retry-After",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "Unknown ticket, or another client's",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "409", description = "The work has not finished yet",
            content = @Content(mediaType = PROBLEM))
    @PostMapping("/tickets/{ticketId}/redeliver")
    ResponseEntity<TicketView> redeliver(@AuthenticationPrincipal Caller caller, @PathVariable String ticketId,
            HttpServletResponse response) {
        // A client's redelivery is one more callback of its own, drawn from its submission rate; an
        // operator's is not limited.
        caller.scope().ifPresent(clientId -> submissionRate.admit(clientId, response));
        return ResponseEntity.accepted().body(tracking.redeliver(ticketId, caller));
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

}
