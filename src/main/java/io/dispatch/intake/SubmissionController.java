package io.dispatch.intake;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;
import io.dispatch.client.limits.SubmissionRate;
import io.dispatch.intake.AcceptedTicket;
import io.dispatch.intake.TaskIntake;
import io.dispatch.system.ApiException;
import io.dispatch.system.ApiProperties;
import io.dispatch.system.ProblemType;
import io.dispatch.ticket.Ticket;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The v1 API of submitting work: {@code POST /api/v1/tasks/{type}}, answered with the ticket. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "tickets", description = "Submit work, follow its ticket, see and repeat its callback")
class SubmissionController {

    private static final String PROBLEM = "application/problem+json";
    private static final String ECHO_TEST = """
            {"request-id": "12345", "email": "test@example.com", "name": "Jan", "surname": "Kowalski",
             "callbackUrl": "https://example.com/callback"}""";

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final TaskIntake intake;
    private final ApiProperties properties;
    private final SubmissionRate submissionRate;

    SubmissionController(TaskIntake intake, ApiProperties properties, SubmissionRate submissionRate) {
        this.intake = intake;
        this.properties = properties;
        this.submissionRate = submissionRate;
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
    @ApiResponse(responseCode = "429", description = """
            Over the client's submission rate (type …/rate-limited) or at its open-ticket limit (…/too-many-open-tickets);             see Retry-After""", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "503", description = "Database unavailable or intake full; see Retry-After",
            content = @Content(mediaType = PROBLEM))
    @PostMapping(path = "/tasks/{type}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
    ResponseEntity<AcceptedTicket> submit(@AuthenticationPrincipal Caller caller, @PathVariable String type,
            HttpServletRequest request, HttpServletResponse servletResponse) throws IOException {
        // The security chain lets only client keys submit, so there is a client.
        ClientId clientId = caller.scope().orElseThrow();
        submissionRate.admit(clientId, servletResponse);
        TaskIntake.Accepted accepted = intake.submit(clientId, type, readBody(request));
        Ticket ticket = accepted.ticket();
        String statusUrl = "/api/v1/tickets/" + ticket.id();
        ResponseEntity.BodyBuilder response = ResponseEntity.accepted().header("Location", statusUrl);
        if (accepted.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.body(new AcceptedTicket(ticket.id().value(), ticket.requestId(), ticket.type(),
                ticket.status(), statusUrl));
    }

    /** Reads at most the configured size, so an oversized body is refused without being held in memory. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length > properties.maxBodySize().toBytes()) {
            throw properties.bodyTooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            if (length >= 0) {
                // The usual case: read into an array of the announced size, not a buffer of the limit.
                byte[] body = new byte[(int) length];
                int read = in.readNBytes(body, 0, body.length);
                return read == body.length ? body : Arrays.copyOf(body, read);
            }
            // Without a length, the cap on every request body (RequestBodyLimit) ends the read.
            return in.readAllBytes();
        }
    }
}
