package io.dispatch.work;

import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.stereotype.Component;

/** A test-only use case that takes its time, so that a killed or stopped process has work in flight. */
@Component
class SleepyUseCase implements UseCase<SleepyUseCase.Payload, Map<String, String>> {

    record Payload(@NotBlank String key, @PositiveOrZero @Max(10_000) long millis) {
    }

    @Override
    public String type() {
        return "sleepy";
    }

    @Override
    public Map<String, String> execute(Payload payload) throws InterruptedException {
        Thread.sleep(payload.millis());
        return Map.of("key", payload.key());
    }
}
