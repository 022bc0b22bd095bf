package io.dispatch.system;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The kinds of error the API answers with. The {@link #uri() type URI} of each is part of the
 * contract: clients branch on it, so a kind is never renamed, only added.
 */
public enum ProblemType {

    INVALID_REQUEST("invalid-request", "Invalid request", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", "Unauthorized", HttpStatus.UNAUTHORIZED),
    TOO_MANY_FAILED_KEYS("too-many-failed-keys", "Too many failed keys", HttpStatus.TOO_MANY_REQUESTS),
    FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN),
    MALFORMED_BODY("malformed-body", "Malformed request body", HttpStatus.BAD_REQUEST),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    UNKNOWN_TASK_TYPE("unknown-task-type", "Unknown task type", HttpStatus.NOT_FOUND),
    TICKET_NOT_FOUND("ticket-not-found", "Ticket not found", HttpStatus.NOT_FOUND),
    CLIENT_NOT_FOUND("client-not-found", "Client not found", HttpStatus.NOT_FOUND),
    KEY_NOT_FOUND("key-not-found", "Key not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    TICKET_NOT_FINISHED("ticket-not-finished", "Ticket not finished", HttpStatus.CONFLICT),
    CLIENT_NAME_TAKEN("client-name-taken", "Client name taken", HttpStatus.CONFLICT),
    BODY_TOO_LARGE("body-too-large", "Request body too large", HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Request id reused with a different payload",
            HttpStatus.UNPROCESSABLE_CONTENT),
    RATE_LIMITED("limits/rate-limited", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),
    TOO_MANY_OPEN_TICKETS("limits/too-many-open-tickets", "Too many open tickets", HttpStatus.TOO_MANY_REQUESTS),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

    private static final String PREFIX = "urn:dispatch:problem:";

    private final String slug;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public URI uri() {
        return URI.create(PREFIX + slug);
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    /** The kind Spring MVC's own errors map to, by their status. */
    static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_BODY;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> BODY_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> INTERNAL_ERROR;
        };
    }
}
