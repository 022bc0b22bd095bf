package io.dispatch.system;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class SmartBatcherTest {

    private final CountDownLatch firstBatchTaken = new CountDownLatch(1);
    private final CountDownLatch releaseFirstBatch = new CountDownLatch(1);
    private final Recording batcher = new Recording(3, 5);

    @AfterEach
    void stop() {
        releaseFirstBatch.countDown();
        batcher.stop();
    }

    @Test
    void handsOverAtOnceWhenQuietAndWhatGatheredMeanwhileWhenBusy() throws InterruptedException {
        batcher.start();
        batcher.offer("a");
        assertThat(firstBatchTaken.await(5, TimeUnit.SECONDS)).isTrue();

        batcher.offer("b");
        batcher.offer("c");
        releaseFirstBatch.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> batcher.batches.size() == 2);
        assertThat(batcher.batches).containsExactly(List.of("a"), List.of("b", "c"));
    }

    @Test
    void neverHandsOverMoreThanTheLargestBatch() throws InterruptedException {
        batcher.start();
        batcher.offer("first");
        assertThat(firstBatchTaken.await(5, TimeUnit.SECONDS)).isTrue();
        List.of("1", "2", "3", "4").forEach(batcher::offer);
        releaseFirstBatch.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> batcher.batches.size() == 3);
        assertThat(batcher.batches).containsExactly(List.of("first"), List.of("1", "2", "3"), List.of("4"));
    }

    @Test
    void refusesWhatDoesNotFitInsteadOfQueueingWithoutEnd() {
        List.of("1", "2", "3", "4", "5").forEach(item -> assertThat(batcher.offer(item)).isTrue());

        assertThat(batcher.offer("6")).isFalse();
    }

    @Test
    void handsWhatIsStillQueuedOverWhenItStops() throws InterruptedException {
        batcher.start();
        batcher.offer("a");
        assertThat(firstBatchTaken.await(5, TimeUnit.SECONDS)).isTrue();
        List.of("1", "2", "3", "4").forEach(batcher::offer);

        batcher.stop();

        assertThat(batcher.batches).containsExactly(List.of("a"), List.of("1", "2", "3"), List.of("4"));
        assertThat(batcher.isRunning()).isFalse();
    }

    @Test
    void goesOnAfterABatchThatFailed() {
        Recording failing = new Recording(1, 5) {
            @Override
            protected void handle(List<String> batch) {
                super.handle(batch);
                throw new IllegalStateException("a handler that lets its failure through");
            }
        };
        releaseFirstBatch.countDown();
        failing.start();
        try {
            failing.offer("1");
            failing.offer("2");
            await().atMost(Duration.ofSeconds(5)).until(() -> failing.batches.size() == 2);
        }
        finally {
            failing.stop();
        }
    }

    @Test
    void needsRoomForOneItemAtLeast() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Recording(0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Recording(1, 0));
    }

    /** Records its batches; its first batch waits until the test releases it. */
    private class Recording extends SmartBatcher<String> {

        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch firstBatchTaken = SmartBatcherTest.this.firstBatchTaken;

        Recording(int mostPerBatch, int capacity) {
            super("test-batcher", mostPerBatch, capacity);
        }

        @Override
        protected void handle(List<String> batch) {
            batches.add(List.copyOf(batch));
            if (batches.size() == 1) {
                firstBatchTaken.countDown();
                try {
                    releaseFirstBatch.await(5, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
