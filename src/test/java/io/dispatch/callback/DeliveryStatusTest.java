package io.dispatch.callback;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.dispatch.callback.DeliveryStatus.DELIVERED;
import static io.dispatch.callback.DeliveryStatus.EXHAUSTED;
import static io.dispatch.callback.DeliveryStatus.PENDING;
import static io.dispatch.callback.DeliveryStatus.RETRYING;
import static org.assertj.core.api.Assertions.assertThat;

/** The delivery's moves as the contract describes them, pair by pair; the table's statements are walked in {@link DeliveryTableJdbcTest}. */
class DeliveryStatusTest {

    static final Map<DeliveryStatus, Set<DeliveryStatus>> LEGAL = Map.of(
            PENDING, EnumSet.of(RETRYING, DELIVERED, EXHAUSTED),
            RETRYING, EnumSet.of(RETRYING, DELIVERED, EXHAUSTED, PENDING),
            DELIVERED, EnumSet.of(PENDING),
            EXHAUSTED, EnumSet.of(PENDING));

    @ParameterizedTest
    @EnumSource(DeliveryStatus.class)
    void movesOnlyAsTheTableSays(DeliveryStatus from) {
        for (DeliveryStatus to : DeliveryStatus.values()) {
            assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(LEGAL.get(from).contains(to));
        }
    }
}
