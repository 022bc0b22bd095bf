package io.dispatch.system.sql;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The {@code VALUES} list of a statement that carries a batch: one row per item, each value a
 * numbered named parameter cast to its SQL type (so that a null still has one).
 */
public final class BatchValues {

    private final StringBuilder rows = new StringBuilder();
    private final Map<String, @Nullable Object> params = new HashMap<>();
    private int row = -1;
    private boolean first;

    /** Starts the next row. */
    public BatchValues row() {
        row++;
        rows.append(row == 0 ? "(" : "), (");
        first = true;
        return this;
    }

    public BatchValues value(String name, @Nullable Object value, String sqlType) {
        String parameter = name + row;
        params.put(parameter, value);
        return sql("CAST(:" + parameter + " AS " + sqlType + ")");
    }

    /** A piece of SQL the same in every row: a constant, or a parameter given once. */
    public BatchValues sql(String expression) {
        rows.append(first ? "" : ", ").append(expression);
        first = false;
        return this;
    }

    public Map<String, @Nullable Object> params() {
        return params;
    }

    @Override
    public String toString() {
        return row < 0 ? "" : rows + ")";
    }
}
