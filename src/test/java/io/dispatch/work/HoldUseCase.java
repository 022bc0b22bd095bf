package io.dispatch.work;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.validation.constraints.NotBlank;

import org.springframework.stereotype.Component;

/** A test-only use case that runs until the test releases it, so a test can act while work is in flight. */
@Component
public class HoldUseCase implements UseCase<HoldUseCase.Payload, Map<String, String>> {

    private static final Map<String, CountDownLatch> STARTED = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> RELEASED = new ConcurrentHashMap<>();

    record Payload(@NotBlank String key) {
    }

    public static boolean started(String key) {
        return latch(STARTED, key).getCount() == 0;
    }

    public static void release(String key) {
        latch(RELEASED, key).countDown();
    }

    @Override
    public String type() {
        return "hold";
    }

    @Override
    public Map<String, String> execute(Payload payload) throws InterruptedException {
        latch(STARTED, payload.key()).countDown();
        if (!latch(RELEASED, payload.key()).await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
        }
        return Map.of("key", payload.key());
    }

    private static CountDownLatch latch(Map<String, CountDownLatch> latches, String key) {
        return latches.computeIfAbsent(key, k -> new CountDownLatch(1));
    }
}
