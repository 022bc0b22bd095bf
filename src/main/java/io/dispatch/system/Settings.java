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

    /** Longer than zero and at most {@code most}: a longer one would break a promise of the contract or hold memory. */
    public static void requireBetweenZeroAnd(String name, Duration value, Duration most) {
        requirePositive(name, value);
        if (value.compareTo(most) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + most + ", not " + value);
        }
    }

    public static void requireBetween(String name, int value, int least, int most) {
        requireAtLeast(name, value, least);
        if (value > most) {
            throw new IllegalArgumentException(name + " must be at most " + most + ", not " + value);
        }
    }

    public static void requireAtLeast(String name, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + ", not " + value);
        }
    }
}
