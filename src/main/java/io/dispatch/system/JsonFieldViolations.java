package io.dispatch.system;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Turns Bean Validation violations into one {@link FieldViolation} per field, the field spelled as
 * the client wrote it in JSON ({@code request-id}, not {@code requestId}).
 */
public final class JsonFieldViolations {

    private JsonFieldViolations() {
    }

    public static List<FieldViolation> of(Collection<? extends ConstraintViolation<?>> violations, Class<?> type) {
        Map<String, String> byField = new LinkedHashMap<>();
        violations.stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .forEach(v -> byField.putIfAbsent(jsonName(type, v.getPropertyPath().toString()), v.getMessage()));
        return byField.entrySet().stream().map(e -> new FieldViolation(e.getKey(), e.getValue())).toList();
    }

    /** The JSON name of a property, honouring {@code @JsonProperty} (on a record, it lands on the field). */
    public static String jsonName(Class<?> type, String property) {
        try {
            JsonProperty renamed = type.getDeclaredField(property).getAnnotation(JsonProperty.class);
            return renamed != null && !renamed.value().isEmpty() ? renamed.value() : property;
        }
        catch (NoSuchFieldException notAField) {
            return property;
        }
    }
}
