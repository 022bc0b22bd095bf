package io.dispatch.client.limits;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.dispatch.client.ClientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every statement on {@code client_limits}: the values operators gave clients, over the defaults. */
@Repository
class LimitsTable {

    private static final String COLUMNS = columns("");

    private final JdbcClient jdbc;

    LimitsTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A client, the key of its token bucket, and the limits an operator set for it. */
    record Row(ClientId clientId, String name, long bucketKey, Map<Limit, Integer> overrides, Instant changedAt) {
    }

    /** Every client: there are a few, read in one statement. */
    List<Row> all() {
        return jdbc.sql("SELECT c.id, c.name, c.bucket_key, c.created_at, l.updated_at, " + columns("l.")
                + " FROM clients c LEFT JOIN client_limits l ON l.client_id = c.id")
                .query(LimitsTable::row).list();
    }

    /**
     * Changes a client's values in one statement: a value sets a limit, an empty one returns it to
     * the default, a limit not named keeps its value, also beside another operator's change.
     */
    void change(ClientId clientId, Map<Limit, Optional<Integer>> changes, Instant now) {
        String values = Stream.of(Limit.values()).map(limit -> ":" + limit.column())
                .collect(Collectors.joining(", "));
        String updates = changes.keySet().stream().map(limit -> limit.column() + " = EXCLUDED." + limit.column() + ", ")
                .collect(Collectors.joining());
        JdbcClient.StatementSpec statement = jdbc.sql("INSERT INTO client_limits (client_id, " + COLUMNS
                + ", updated_at) VALUES (:clientId, " + values + ", :now) ON CONFLICT (client_id) DO UPDATE SET "
                + updates + "updated_at = EXCLUDED.updated_at")
                .param("clientId", clientId.value()).param("now", Timestamp.from(now));
        for (Limit limit : Limit.values()) {
            Integer value = changes.getOrDefault(limit, Optional.empty()).orElse(null);
            statement = statement.param(limit.column(), value, Types.INTEGER);
        }
        statement.update();
    }

    private static String columns(String alias) {
        return Stream.of(Limit.values()).map(limit -> alias + limit.column()).collect(Collectors.joining(", "));
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Map<Limit, Integer> overrides = new EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            Integer value = rs.getObject(limit.column(), Integer.class);
            if (value != null) {
                overrides.put(limit, value);
            }
        }
        Timestamp changed = rs.getTimestamp("updated_at");
        return new Row(new ClientId(rs.getObject("id", UUID.class)), rs.getString("name"), rs.getLong("bucket_key"),
                overrides, (changed != null ? changed : rs.getTimestamp("created_at")).toInstant());
    }
}
