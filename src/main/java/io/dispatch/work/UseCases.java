package io.dispatch.work;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.Validator;

import io.dispatch.intake.TaskTypes;
import io.dispatch.system.FieldViolation;
import io.dispatch.system.JsonFieldViolations;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.ResolvableType;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/** Every {@link UseCase} bean, by type: the catalogue the API validates against and workers run from. */
@Component
class UseCases implements TaskTypes {

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Map<String, Registered> byType;
    private final Validator validator;
    private final JsonMapper json;

    UseCases(List<UseCase<?, ?>> useCases, Validator validator, JsonMapper json) {
        this.byType = useCases.stream().map(Registered::of)
                .collect(Collectors.toMap(r -> r.useCase().type(), Function.identity()));
        this.validator = validator;
        this.json = json;
    }

    /** The queue of a task type, named in the talk's style: {@code echo-test} → {@code ECHO_TEST}. */
    static String queueName(String type) {
        return type.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    List<String> types() {
        return byType.keySet().stream().sorted().toList();
    }

    @Override
    public boolean supports(String type) {
        return byType.containsKey(type);
    }

    @Override
    public TaskPayload read(String type, JsonNode body) {
        Class<?> payloadType = get(type).payloadType();
        Object payload;
        try {
            payload = json.treeToValue(body, payloadType);
        }
        catch (MismatchedInputException ex) {
            String field = ex.getPath().isEmpty() ? "body" : ex.getPath().get(0).getPropertyName();
            return new TaskPayload(null, List.of(new FieldViolation(field, "has the wrong type")));
        }
        List<FieldViolation> violations = JsonFieldViolations.of(validator.validate(payload), payloadType);
        return violations.isEmpty()
                ? new TaskPayload(json.writeValueAsString(payload), List.of())
                : new TaskPayload(null, violations);
    }

    /** Runs a ticket's use case on its stored payload. */
    Object run(String type, String payload) throws Exception {
        Registered registered = get(type);
        return registered.execute(json.readValue(payload, registered.payloadType()));
    }

    private Registered get(String type) {
        Registered registered = byType.get(type);
        if (registered == null) {
            throw new IllegalArgumentException("no use case for task type " + type);
        }
        return registered;
    }

    private record Registered(UseCase<?, ?> useCase, Class<?> payloadType) {

        static Registered of(UseCase<?, ?> useCase) {
            if (!KEBAB_CASE.matcher(useCase.type()).matches()) {
                throw new IllegalStateException("Task type '" + useCase.type() + "' of "
                        + useCase.getClass().getSimpleName() + " must be kebab-case");
            }
            Class<?> payloadType = ResolvableType.forClass(UseCase.class, AopUtils.getTargetClass(useCase))
                    .getGeneric(0).resolve();
            if (payloadType == null) {
                throw new IllegalStateException("Cannot tell the payload type of " + useCase.getClass().getSimpleName());
            }
            return new Registered(useCase, payloadType);
        }

        @SuppressWarnings("unchecked")
        Object execute(Object payload) throws Exception {
            return ((UseCase<Object, ?>) useCase).execute(payload);
        }
    }
}
