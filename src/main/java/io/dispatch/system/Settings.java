package io.dispatch.system;

import java.time.Duration;

/** Checks the settings records make of themselves at start, so a bad value stops the service with its name. */
public final class Settings {

    private Settings() {
    }

    public static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero, not " + value);
        }
    }

    public static void requireAtLeast(String name, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + ", not " + value);
        }
    }
}
