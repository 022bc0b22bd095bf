package io.dispatch.system;

import java.util.List;
import java.util.Map;

/**
 * An error a module raises to answer a request with a problem. The module names the
 * {@link ProblemType}; {@code ProblemHandler} turns it into {@code application/problem+json}.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldViolation> violations;
    private final Map<String, String> headers;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiException(ProblemType type, String detail, List<FieldViolation> violations) {
        super(detail);
        this.type = type;
        this.violations = List.copyOf(violations);
        this.headers = Map.of();
    }

    /** A problem whose answer carries these headers too ({@code Retry-After}, for one). */
    public ApiException(ProblemType type, String detail, Map<String, String> headers) {
        super(detail);
        this.type = type;
        this.violations = List.of();
        this.headers = Map.copyOf(headers);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
