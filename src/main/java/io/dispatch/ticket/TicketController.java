package io.dispatch.ticket;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.dispatch.callback.AttemptView;
import io.dispatch.system.ApiException;
import io.dispatch.system.ApiProperties;
import io.dispatch.system.ProblemType;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The v1 HTTP API: submit work, follow a ticket, see and repeat its callback. */
@RestController
@RequestMapping("/api/v1")
class TicketController {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final TaskIntake intake;
    private final TicketQueries queries;
    private final ApiProperties properties;

    TicketController(TaskIntake intake, TicketQueries queries, ApiProperties properties) {
        this.intake = intake;
        this.queries = queries;
        this.properties = properties;
    }

    @PostMapping(path = "/tasks/{type}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
    ResponseEntity<AcceptedTicket> submit(@PathVariable String type, HttpServletRequest request) throws IOException {
        TaskIntake.Accepted accepted = intake.submit(type, readBody(request));
        Ticket ticket = accepted.ticket();
        String statusUrl = "/api/v1/tickets/" + ticket.id();
        ResponseEntity.BodyBuilder response = ResponseEntity.accepted().header("Location", statusUrl);
        if (accepted.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.body(new AcceptedTicket(ticket.id().value(), ticket.requestId(), ticket.type(),
                ticket.status(), statusUrl));
    }

    @GetMapping("/tickets/{ticketId}")
    TicketView ticket(@PathVariable String ticketId) {
        return queries.get(ticketId);
    }

    @GetMapping("/tickets")
    List<TicketView> ticketsByRequestId(@RequestParam String requestId) {
        return queries.byRequestId(requestId);
    }

    @GetMapping("/tickets/{ticketId}/attempts")
    List<AttemptView> attempts(@PathVariable String ticketId) {
        return queries.attempts(ticketId);
    }

    @PostMapping("/tickets/{ticketId}/redeliver")
    ResponseEntity<TicketView> redeliver(@PathVariable String ticketId) {
        return ResponseEntity.accepted().body(queries.redeliver(ticketId));
    }

    /** Reads at most the configured size, so an oversized body is refused without being held in memory. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        long limit = properties.maxBodySize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
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
