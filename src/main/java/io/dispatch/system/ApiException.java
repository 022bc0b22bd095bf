package io.dispatch.system;

import java.util.List;

/**
 * An error a module raises to answer a request with a problem. The module names the
 * {@link ProblemType}; {@code ProblemHandler} turns it into {@code application/problem+json}.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldViolation> violations;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiException(ProblemType type, String detail, List<FieldViolation> violations) {
        super(detail);
        this.type = type;
        this.violations = List.copyOf(violations);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
