package io.dispatch.callback;

/** How one delivery attempt ended. */
public enum AttemptOutcome {
    SUCCEEDED,
    FAILED
}
