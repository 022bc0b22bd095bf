package io.dispatch.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dispatch.client.ClientId;

import org.junit.jupiter.api.Test;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

class OutgoingTest {

    private static final Instant SUBMITTED = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant NOW = SUBMITTED.plusMillis(1500);

    private final RetrySchedule schedule = new RetrySchedule(List.of(Duration.ZERO, ofSeconds(5), ofMinutes(5)), 0);

    @Test
    void aSuccessDeliversAndMeasuresTheLagFromSubmission() {
        Outgoing.Recorded recorded = attempt(0, 0).after(answered(204), schedule, NOW);

        assertThat(recorded.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(recorded.attempt()).isEqualTo(1);
        assertThat(recorded.nextAttemptAt()).isNull();
        assertThat(recorded.lag()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aFailureWaitsForTheNextStepOfTheSchedule() {
        Outgoing.Recorded recorded = attempt(1, 0).after(answered(503), schedule, NOW);

        assertThat(recorded.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(recorded.attempt()).isEqualTo(2);
        assertThat(recorded.nextAttemptAt()).isEqualTo(NOW.plus(ofMinutes(5)));
        assertThat(recorded.lag()).isNull();
    }

    @Test
    void theLastFailureOfTheScheduleExhaustsTheDelivery() {
        Outgoing.Recorded recorded = attempt(2, 0).after(answered(500), schedule, NOW);

        assertThat(recorded.status()).isEqualTo(DeliveryStatus.EXHAUSTED);
        assertThat(recorded.nextAttemptAt()).isNull();
    }

    @Test
    void goneEndsTheDeliveryAtOnce() {
        assertThat(attempt(0, 0).after(answered(410), schedule, NOW).status()).isEqualTo(DeliveryStatus.EXHAUSTED);
    }

    @Test
    void aRedeliveryHasAFreshBudgetAndNoLag() {
        Outgoing redelivered = attempt(3, 3);

        Outgoing.Recorded failed = redelivered.after(answered(500), schedule, NOW);
        Outgoing.Recorded delivered = redelivered.after(answered(200), schedule, NOW);

        assertThat(failed.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(failed.attempt()).isEqualTo(4);
        assertThat(failed.nextAttemptAt()).isEqualTo(NOW.plus(ofSeconds(5)));
        assertThat(delivered.lag()).isNull();
    }

    private static Outgoing attempt(int attemptsBefore, int budgetStart) {
        return new Outgoing(UUID.randomUUID(), new ClientId(UUID.randomUUID()), "http://127.0.0.1:9/callback", "{}",
                null, attemptsBefore, budgetStart, SUBMITTED, Outgoing.FIRST_CLAIM, SUBMITTED);
    }

    private static AttemptResult answered(int status) {
        return AttemptResult.answered(status, Duration.ofMillis(3), null);
    }
}
