package io.dispatch.work;

import jakarta.validation.constraints.NotBlank;

import org.springframework.stereotype.Component;

/** A test-only use case that always fails: proves FAILED and that a use case plugs in by itself. */
@Component
class AlwaysFailsUseCase implements UseCase<AlwaysFailsUseCase.Payload, Void> {

    record Payload(@NotBlank String reason) {
    }

    @Override
    public String type() {
        return "always-fails";
    }

    @Override
    public Void execute(Payload payload) {
        throw new IllegalArgumentException(payload.reason());
    }
}
