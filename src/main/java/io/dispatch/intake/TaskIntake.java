package io.dispatch.intake;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import jakarta.validation.Validator;

import io.dispatch.client.ClientId;
import io.dispatch.client.limits.LimitRefusals;
import io.dispatch.client.limits.OpenTickets;
import io.dispatch.outbox.TaskPublisher;
import io.dispatch.system.ApiException;
import io.dispatch.system.FieldViolation;
import io.dispatch.system.JsonFieldViolations;
import io.dispatch.system.ProblemType;
import io.dispatch.system.Sha256;
import io.dispatch.ticket.Ticket;
import io.dispatch.ticket.TicketId;
import io.dispatch.ticket.TicketTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts a submission: validates it, stores its ticket exactly once per request id, and has the
 * task published once the ticket is committed (the ticket row is the outbox).
 */
@Service
class TaskIntake {

    private static final Logger log = LoggerFactory.getLogger(TaskIntake.class);

    private final TaskTypes types;
    private final IntakeWriter writer;
    private final TaskPublisher publisher;
    private final CallbackUrlRules callbackUrls;
    private final Validator validator;
    private final JsonMapper json;
    private final Meter.MeterProvider<Counter> submitted;
    private final OpenTickets openTickets;
    private final LimitRefusals refusals;

    TaskIntake(TaskTypes types, IntakeWriter writer, TaskPublisher publisher, CallbackUrlRules callbackUrls,
            Validator validator, JsonMapper json, MeterRegistry meters, OpenTickets openTickets,
            LimitRefusals refusals) {
        this.types = types;
        this.writer = writer;
        this.publisher = publisher;
        this.callbackUrls = callbackUrls;
        this.validator = validator;
        this.json = json;
        this.submitted = Counter.builder("dispatch.tickets.submitted").withRegistry(meters);
        this.openTickets = openTickets;
        this.refusals = refusals;
    }

    /** An accepted ticket and whether it was accepted before, under the same request id. */
    record Accepted(Ticket ticket, boolean replayed) {
    }

    Accepted submit(ClientId clientId, String type, byte[] body) {
        if (!types.supports(type)) {
            throw new ApiException(ProblemType.UNKNOWN_TASK_TYPE, "There is no task type '" + type + "'.");
        }
        JsonNode tree = parse(body);
        Submission submission = readSubmission(tree);
        List<FieldViolation> violations = new ArrayList<>(
                JsonFieldViolations.of(validator.validate(submission), Submission.class));
        if (submission.callbackUrl() != null && violations.stream().noneMatch(v -> v.field().equals("callbackUrl"))) {
            callbackUrls.problem(submission.callbackUrl())
                    .ifPresent(problem -> violations.add(new FieldViolation("callbackUrl", problem)));
        }
        TaskTypes.TaskPayload payload = types.read(type, tree);
        violations.addAll(payload.violations());
        if (!violations.isEmpty() || payload.json() == null || submission.requestId() == null
                || submission.callbackUrl() == null) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "The request has invalid fields.", violations);
        }
        Accepted accepted = store(clientId, type, submission.requestId(), submission.callbackUrl(), payload.json());
        submitted.withTags("type", type, "result", accepted.replayed() ? "replayed" : "accepted").increment();
        try (MDC.MDCCloseable ticket = MDC.putCloseable("ticketId", accepted.ticket().id().toString());
                MDC.MDCCloseable request = MDC.putCloseable("requestId", submission.requestId())) {
            log.debug("Ticket {} {}", accepted.ticket().id(), accepted.replayed() ? "replayed" : "accepted");
        }
        return accepted;
    }

    private Accepted store(ClientId clientId, String type, String requestId, String callbackUrl, String payload) {
        TicketTable.NewTicket ticket = new TicketTable.NewTicket(TicketId.random(), clientId, type, requestId, payload,
                hash(callbackUrl + "\n" + payload), callbackUrl);
        if (!openTickets.hasRoom(clientId)) {
            // At the quota only a replay is answered: it opens nothing.
            return writer.replay(ticket).orElseThrow(
                    () -> refusals.tooManyOpenTickets(clientId, openTickets.retryAfterSeconds()));
        }
        Accepted accepted = writer.accept(ticket);
        if (!accepted.replayed()) {
            openTickets.opened(clientId);
            // Committed by now: the ticket exists before its task is published. From the request's
            // thread, so that the task message carries the request's trace.
            publisher.publishSoon(accepted.ticket().id(), type, clientId);
        }
        return accepted;
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new ApiException(ProblemType.MALFORMED_BODY, "The request body is empty.");
        }
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new ApiException(ProblemType.MALFORMED_BODY, "The request body must be a JSON object.");
            }
            return tree;
        }
        catch (JacksonException ex) {
            throw new ApiException(ProblemType.MALFORMED_BODY, "The request body is not valid JSON.");
        }
    }

    private Submission readSubmission(JsonNode tree) {
        try {
            return json.treeToValue(tree, Submission.class);
        }
        catch (MismatchedInputException ex) {
            String field = ex.getPath().isEmpty() ? "request-id" : ex.getPath().get(0).getPropertyName();
            throw new ApiException(ProblemType.INVALID_REQUEST, "The request has invalid fields.",
                    List.of(new FieldViolation(field, "must be a string")));
        }
    }

    private static String hash(String content) {
        return HexFormat.of().formatHex(Sha256.of(content));
    }
}
