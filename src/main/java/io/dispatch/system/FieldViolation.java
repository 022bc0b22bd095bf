package io.dispatch.system;

/** One bad field of a request, {@code field} spelled as in the JSON the client sent. */
public record FieldViolation(String field, String message) {
}
