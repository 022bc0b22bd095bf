package io.dispatch.work;

import jakarta.validation.constraints.NotBlank;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A test-only use case that always fails: proves FAILED and that a use case plugs in by itself.
 * With {@code unexpected} it fails as a bug would, with a message not written for the client.
 */
@Component
class AlwaysFailsUseCase implements UseCase<AlwaysFailsUseCase.Payload, Void> {

    record Payload(@NotBlank String reason, @Nullable Boolean unexpected) {
    }

    @Override
    public String type() {
        return "always-fails";
    }

    @Override
    public Void execute(Payload payload) {
        if (Boolean.TRUE.equals(payload.unexpected())) {
            throw new IllegalStateException("internal detail: " + payload.reason());
        }
        throw new UseCaseFailedException(payload.reason());
    }
}
