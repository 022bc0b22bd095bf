package io.dispatch.intake;

import java.util.List;

import io.dispatch.system.FieldViolation;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * What the ticket module needs to know of the kinds of work there are. The work module, which
 * owns the use cases, provides it, so tickets never depend on use cases.
 */
public interface TaskTypes {

    boolean supports(String type);

    /** Reads and validates the use-case part of a submission body. */
    TaskPayload read(String type, JsonNode body);

    /**
     * A submission's use-case payload as it will be stored and run.
     *
     * @param json the payload in its canonical JSON form, or null when there are violations
     * @param violations what is wrong with the payload, one entry per field
     */
    record TaskPayload(@Nullable String json, List<FieldViolation> violations) {
    }
}
