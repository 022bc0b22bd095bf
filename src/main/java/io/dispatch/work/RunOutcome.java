package io.dispatch.work;

import org.jspecify.annotations.Nullable;

/** What a use case run came to: a result as JSON, or why it failed. */
record RunOutcome(@Nullable String result, @Nullable String error) {

    static RunOutcome completed(String result) {
        return new RunOutcome(result, null);
    }

    static RunOutcome failed(String error) {
        return new RunOutcome(null, error);
    }

    boolean succeeded() {
        return error == null;
    }
}
