package io.dispatch.ticket;

import org.jspecify.annotations.Nullable;

/** What a ticket's run came to: a result as JSON, or why it failed. */
public record RunOutcome(@Nullable String result, @Nullable String error) {

    public static RunOutcome completed(String result) {
        return new RunOutcome(result, null);
    }

    public static RunOutcome failed(String error) {
        return new RunOutcome(null, error);
    }

    public boolean succeeded() {
        return error == null;
    }
}
