package io.dispatch.client;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The clients table. */
@Repository
public class ClientTable {

    public record StoredClient(ClientId id, String name, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    ClientTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new client unless the name is taken: the unique constraint decides. */
    public Optional<StoredClient> insert(ClientId id, String name, Instant now) {
        return jdbc.sql("INSERT INTO clients (id, name, created_at) VALUES (:id, :name, :now) "
                + "ON CONFLICT (name) DO NOTHING RETURNING id, name, created_at")
                .param("id", id.value()).param("name", name).param("now", Timestamp.from(now))
                .query(ClientTable::row).optional();
    }

    public Optional<StoredClient> find(ClientId id) {
        return jdbc.sql("SELECT id, name, created_at FROM clients WHERE id = :id").param("id", id.value())
                .query(ClientTable::row).optional();
    }

    /**
     * A client named by a path, {@code me} or an id, as the caller may see it: a client sees only
     * itself, and another client's id is as unknown as an id nobody has.
     */
    public Optional<StoredClient> findAs(Caller caller, String clientIdOrMe) {
        Optional<ClientId> id = "me".equals(clientIdOrMe) ? caller.scope() : ClientId.parse(clientIdOrMe);
        return id.filter(wanted -> caller.scope().map(wanted::equals).orElse(true)).flatMap(this::find);
    }

    public Optional<StoredClient> findByName(String name) {
        return jdbc.sql("SELECT id, name, created_at FROM clients WHERE name = :name").param("name", name)
                .query(ClientTable::row).optional();
    }

    public List<StoredClient> all() {
        return jdbc.sql("SELECT id, name, created_at FROM clients ORDER BY name").query(ClientTable::row).list();
    }

    private static StoredClient row(ResultSet rs, int n) throws SQLException {
        return new StoredClient(new ClientId(rs.getObject("id", UUID.class)), rs.getString("name"),
                rs.getTimestamp("created_at").toInstant());
    }
}
