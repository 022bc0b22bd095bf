package io.dispatch.system.sql;

import java.util.Collection;
import java.util.stream.Collectors;

/** Pieces of the {@code WHERE} clauses that guard the moves of a state machine. */
public final class Guards {

    private Guards() {
    }

    /** {@code column IN ('A', 'B')} for these states: constants, so a statement keeps one plan. */
    public static String in(String column, Collection<? extends Enum<?>> states) {
        return states.stream().map(state -> "'" + state.name() + "'")
                .collect(Collectors.joining(", ", column + " IN (", ")"));
    }
}
