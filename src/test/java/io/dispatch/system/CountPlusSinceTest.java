package io.dispatch.system;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountPlusSinceTest {

    private final CountPlusSince<String> count = new CountPlusSince<>();

    @Test
    void addsWhatCameSinceTheReadBeganAndNoLonger() {
        count.add("a");
        count.add("a");
        assertThat(count.of("a")).isEqualTo(2);

        // The read sees the two committed before it began, not the one that comes while it runs.
        count.recount(() -> {
            count.add("a");
            return Map.of("a", 2L);
        });

        assertThat(count.of("a")).isEqualTo(3);
        assertThat(count.of("b")).isZero();
    }

    @Test
    void keepsTheLastCountsWhenAReadFails() {
        count.recount(() -> Map.of("a", 5L));
        count.add("a");

        assertThatThrownBy(() -> count.recount(() -> {
            throw new IllegalStateException("database away");
        })).hasMessage("database away");

        assertThat(count.of("a")).isEqualTo(6);
    }
}
