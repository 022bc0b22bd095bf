package io.dispatch.callback;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(
            List.of(Duration.ZERO, ofSeconds(5), ofMinutes(5), ofMinutes(30), ofHours(2)), 0);

    @Test
    void firstAttemptFollowsTheFirstStep() {
        assertThat(schedule.firstDelay()).isZero();
    }

    @Test
    void eachFailedAttemptWaitsTheNextStepUntilTheScheduleRunsOut() {
        assertThat(schedule.nextDelay(1, null)).contains(ofSeconds(5));
        assertThat(schedule.nextDelay(2, null)).contains(ofMinutes(5));
        assertThat(schedule.nextDelay(4, null)).contains(ofHours(2));
        assertThat(schedule.nextDelay(5, null)).isEmpty();
    }

    @Test
    void retryAfterLengthensADelayUpToTheLongestStep() {
        assertThat(schedule.nextDelay(1, ofSeconds(60))).contains(ofSeconds(60));
        assertThat(schedule.nextDelay(1, ofHours(48))).contains(ofHours(2));
        assertThat(schedule.nextDelay(2, ofSeconds(1))).contains(ofMinutes(5));
    }

    @Test
    void jitterOnlyAddsAndStaysWithinItsFraction() {
        RetrySchedule jittered = new RetrySchedule(List.of(Duration.ZERO, ofSeconds(10)), 0.1);
        for (int i = 0; i < 100; i++) {
            assertThat(jittered.nextDelay(1, null)).hasValueSatisfying(
                    delay -> assertThat(delay).isBetween(ofSeconds(10), ofSeconds(11)));
        }
        assertThat(jittered.firstDelay()).isZero();
    }
}
