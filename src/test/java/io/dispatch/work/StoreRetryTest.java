package io.dispatch.work;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessResourceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreRetryTest {

    private final StoreRetry retry = new StoreRetry(new WorkProperties(3, Duration.ofMillis(1), Duration.ofMillis(400),
            20, 25, Duration.ofMillis(1), Duration.ofMillis(20)));

    @Test
    void waitsOutADatabaseThatIsAway() {
        AtomicInteger calls = new AtomicInteger();

        String stored = retry.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new TransientDataAccessResourceException("connection refused");
            }
            return "stored";
        });

        assertThat(stored).isEqualTo("stored");
        assertThat(calls).hasValue(3);
    }

    @Test
    void doesNotRepeatAStatementThatIsWrong() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.call(() -> {
            calls.incrementAndGet();
            throw new DataIntegrityViolationException("duplicate key");
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void handsTheMessageBackInsteadOfWaitingWhenTheServiceStops() {
        retry.closing();

        assertThatThrownBy(() -> retry.call(() -> {
            throw new TransientDataAccessResourceException("connection refused");
        })).isInstanceOf(ImmediateRequeueAmqpException.class);
    }
}
