package io.dispatch.system.sql;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads {@code status, count(*)} rows into a map that has every asked-for status, zero when absent. */
public final class StatusCounts {

    private StatusCounts() {
    }

    public static <E extends Enum<E>> Map<E, Long> read(JdbcClient.StatementSpec query, Class<E> type, List<E> statuses) {
        Map<E, Long> counts = new EnumMap<>(type);
        statuses.forEach(status -> counts.put(status, 0L));
        query.query((row, n) -> Map.entry(Enum.valueOf(type, row.getString(1)), row.getLong(2)))
                .list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }
}
