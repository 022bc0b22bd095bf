package io.dispatch.ticket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.dispatch.client.ClientId;
import io.dispatch.system.ApiException;
import io.dispatch.system.FieldViolation;
import io.dispatch.system.JsonFieldViolations;
import io.dispatch.system.ProblemType;

import io.micrometer.core.instrument.MeterRegistry;

import jakarta.validation.Validator;

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
    private final TicketStore tickets;
    private final TaskPublisher publisher;
    private final CallbackUrlRules callbackUrls;
    private final Validator validator;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Clock clock;

    TaskIntake(TaskTypes types, TicketStore tickets, TaskPublisher publisher, CallbackUrlRules callbackUrls,
            Validator validator, JsonMapper json, MeterRegistry meters, Clock clock) {
        this.types = types;
        this.tickets = tickets;
        this.publisher = publisher;
        this.callbackUrls = callbackUrls;
        this.validator = validator;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
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
        meters.counter("dispatch.tickets.submitted", "type", type, "result", accepted.replayed() ? "replayed" : "accepted")
                .increment();
        try (MDC.MDCCloseable ticket = MDC.putCloseable("ticketId", accepted.ticket().id().toString());
                MDC.MDCCloseable request = MDC.putCloseable("requestId", submission.requestId())) {
            log.info("Ticket {} {}", accepted.ticket().id(), accepted.replayed() ? "replayed" : "accepted");
        }
        return accepted;
    }

    private Accepted store(ClientId clientId, String type, String requestId, String callbackUrl, String payload) {
        String hash = hash(callbackUrl + "\n" + payload);
        // One statement, committed on its own: the ticket exists before its task is published.
        Optional<Ticket> accepted = tickets.accept(TicketId.random().value(), clientId, type, requestId, payload,
                hash, callbackUrl, clock.instant());
        if (accepted.isPresent()) {
            publisher.publishSoon(accepted.get().ticketId(), type);
            return new Accepted(accepted.get(), false);
        }
        Ticket existing = tickets.find(clientId, type, requestId).orElseThrow();
        if (!existing.payloadHash().equals(hash)) {
            throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED, "Request id '" + requestId
                    + "' was already used with a different payload for ticket " + existing.id() + ".");
        }
        return new Accepted(existing, true);
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
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }
}
