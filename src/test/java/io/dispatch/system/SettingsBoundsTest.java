package io.dispatch.system;

import java.time.Duration;
import java.util.List;

import io.dispatch.client.keys.SecurityProperties;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings that had no upper bound refuse a value past it at start, with the setting's name. */
class SettingsBoundsTest {

    @Test
    void aKeyCacheLongerThanTheContractsFiveSecondsIsRefused() {
        assertThatThrownBy(() -> security(Duration.ofSeconds(6), 20)).hasMessageContaining("dispatch.security.key-cache-ttl");
        assertThatCode(() -> security(Duration.ofSeconds(5), 20)).doesNotThrowAnyException();
    }

    @Test
    void countsAndSizesHaveCeilings() {
        assertThatThrownBy(() -> security(Duration.ofSeconds(2), 10_001)).hasMessageContaining("dispatch.security.failed-keys");
        assertThatThrownBy(() -> new ApiProperties(DataSize.ofMegabytes(17), Duration.ofSeconds(5)))
                .hasMessageContaining("dispatch.api.max-body-size");
        assertThatCode(() -> new ApiProperties(DataSize.ofMegabytes(16), Duration.ofSeconds(5))).doesNotThrowAnyException();
    }

    private static SecurityProperties security(Duration keyCacheTtl, int failedKeys) {
        return new SecurityProperties(List.of(), null, List.of(), keyCacheTtl, Duration.ofSeconds(5), failedKeys, null);
    }
}
