package io.dispatch.work;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.constraints.NotBlank;

import org.springframework.stereotype.Component;

/**
 * A test-only use case that fails transiently a given number of times per key, then succeeds, and
 * counts its runs, so tests can see how often a use case really ran.
 */
@Component
public class FlakyUseCase implements UseCase<FlakyUseCase.Payload, Map<String, Integer>> {

    private static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    record Payload(@NotBlank String key, int failures) {
    }

    public static int runs(String key) {
        AtomicInteger runs = RUNS.get(key);
        return runs == null ? 0 : runs.get();
    }

    @Override
    public String type() {
        return "flaky";
    }

    @Override
    public Map<String, Integer> execute(Payload payload) {
        int run = RUNS.computeIfAbsent(payload.key(), k -> new AtomicInteger()).incrementAndGet();
        if (run <= payload.failures()) {
            throw new TransientUseCaseException("flaky run " + run);
        }
        return Map.of("runs", run);
    }
}
