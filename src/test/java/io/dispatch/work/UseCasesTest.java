package io.dispatch.work;

import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import io.dispatch.intake.TaskTypes.TaskPayload;
import io.dispatch.system.FieldViolation;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a use case's payload is read, validated and run, with the real validator. */
class UseCasesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final UseCases useCases = new UseCases(List.of(new EchoTestUseCase()), validator, json);

    @Test
    void readsAValidPayloadIntoItsCanonicalForm() {
        TaskPayload payload = useCases.read("echo-test", json.readTree("""
                {"request-id": "1", "surname": "Kowalski", "name": "Jan", "email": "test@example.com",
                 "callbackUrl": "https://example.com/cb", "unknown": true}"""));

        assertThat(payload.violations()).isEmpty();
        assertThat(payload.json()).isEqualTo("{\"email\":\"test@example.com\",\"name\":\"Jan\",\"surname\":\"Kowalski\"}");
    }

    @Test
    void namesEachInvalidFieldOnce() {
        TaskPayload payload = useCases.read("echo-test", json.readTree("""
                {"email": "x", "name": "", "surname": "%s"}""".formatted("s".repeat(101))));

        assertThat(payload.json()).isNull();
        assertThat(payload.violations()).extracting(FieldViolation::field).containsExactly("email", "name", "surname");
    }

    @Test
    void refusesAFieldOfTheWrongShape() {
        TaskPayload payload = useCases.read("echo-test", json.readTree("""
                {"email": {"nested": 1}, "name": "Jan", "surname": "K"}"""));

        assertThat(payload.violations()).extracting(FieldViolation::field).containsExactly("email");
    }

    @Test
    void runsAUseCaseOnItsStoredPayload() throws Exception {
        Object result = useCases.run("echo-test", "{\"email\":\"a@b.c\",\"name\":\"A\",\"surname\":\"B\"}");

        assertThat(result).isEqualTo(new EchoTestPayload("a@b.c", "A", "B"));
        assertThat(UseCases.queueName("echo-test")).isEqualTo("ECHO_TEST");
    }

    @Test
    void refusesATypeThatIsNotKebabCase() {
        UseCase<EchoTestPayload, EchoTestPayload> badlyNamed = new EchoTestUseCase() {
            @Override
            public String type() {
                return "EchoTest";
            }
        };

        assertThatThrownBy(() -> new UseCases(List.of(badlyNamed), validator, json))
                .hasMessageContaining("kebab-case");
    }
}
