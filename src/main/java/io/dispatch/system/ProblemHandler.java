package io.dispatch.system;

import java.net.URI;
import java.util.Comparator;

import io.dispatch.system.sql.DatabaseFailures;
import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where failures become RFC 9457 problems. Every body carries a stable {@code type}
 * URI and the request path as {@code instance}; none carries a stack trace or a class name.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final ApiProperties properties;
    private final MeterRegistry meters;

    ProblemHandler(ApiProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> apiException(ApiException ex, WebRequest request) {
        ProblemDetail problem = problem(ex.type(), ex.getMessage(), request);
        if (!ex.violations().isEmpty()) {
            problem.setProperty("errors", ex.violations().stream()
                    .sorted(Comparator.comparing(FieldViolation::field))
                    .toList());
        }
        HttpHeaders headers = new HttpHeaders();
        ex.headers().forEach(headers::set);
        if (ex.type() == ProblemType.SERVICE_UNAVAILABLE) {
            headers.set(HttpHeaders.RETRY_AFTER, retryAfter());
        }
        return ResponseEntity.status(ex.type().status()).headers(headers).body(problem);
    }

    /** The same answer whatever was wrong with the key, so that a caller learns nothing about keys. */
    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex, WebRequest request) {
        if (DatabaseFailures.isUnavailable(ex)) {
            return unavailable(ex, request);
        }
        return ResponseEntity.status(ProblemType.UNAUTHORIZED.status())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problem(ProblemType.UNAUTHORIZED,
                        "A valid API key is required: Authorization: Bearer <key>.", request));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException ex, WebRequest request) {
        return ResponseEntity.status(ProblemType.FORBIDDEN.status())
                .body(problem(ProblemType.FORBIDDEN, "This key may not do this: " + (isSubmission(request)
                        ? "work is submitted with a client's key, not an admin key." : "it needs an admin key."), request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex, WebRequest request) {
        if (DatabaseFailures.isUnavailable(ex)) {
            return unavailable(ex, request);
        }
        log.error("Unexpected error answering {}", path(request), ex);
        return ResponseEntity.internalServerError()
                .body(problem(ProblemType.INTERNAL_ERROR, "An unexpected error occurred.", request));
    }

    private ResponseEntity<ProblemDetail> unavailable(Exception ex, WebRequest request) {
        log.warn("Database unavailable while answering {}: {}", path(request), ex.getMessage());
        return ResponseEntity.status(ProblemType.SERVICE_UNAVAILABLE.status())
                .header(HttpHeaders.RETRY_AFTER, retryAfter())
                .body(problem(ProblemType.SERVICE_UNAVAILABLE, "The ticket store is unavailable; try again shortly.",
                        request));
    }

    /** Spring MVC's own errors (415, 405, unreadable body, unknown path) get our types too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            ProblemType type = ProblemType.forStatus(statusCode.value());
            countRejectedSubmission(type.uri().toString(), request);
            problem.setType(type.uri());
            problem.setTitle(type.title());
            problem.setInstance(URI.create(path(request)));
            if (statusCode.value() == 400) {
                problem.setDetail("The request body could not be read as JSON.");
            }
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ProblemDetail problem(ProblemType type, String detail, WebRequest request) {
        countRejectedSubmission(type.uri().toString(), request);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        problem.setInstance(URI.create(path(request)));
        return problem;
    }

    /** Submissions refused, by the problem's type: what clients get wrong, or what is down. */
    private void countRejectedSubmission(String type, WebRequest request) {
        if (isSubmission(request)) {
            meters.counter("dispatch.tickets.rejected", "reason", type.substring(type.lastIndexOf(':') + 1)).increment();
        }
    }

    private static boolean isSubmission(WebRequest request) {
        return request instanceof ServletWebRequest servlet && "POST".equals(servlet.getRequest().getMethod())
                && servlet.getRequest().getRequestURI().startsWith("/api/v1/tasks/");
    }

    private String retryAfter() {
        return Long.toString(properties.retryAfter().toSeconds());
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "";
    }
}
