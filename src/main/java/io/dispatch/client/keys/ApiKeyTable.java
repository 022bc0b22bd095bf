package io.dispatch.client.keys;

import io.dispatch.system.sql.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.dispatch.client.ClientId;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The api_keys table: hashes only, never a key. */
@Repository
public class ApiKeyTable {

    /** What authentication needs of a key. */
    record StoredKey(String keyId, ClientId clientId, byte[] hash, boolean revoked) {
    }

    private final JdbcClient jdbc;

    ApiKeyTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a key's hash; false when a key with this id exists already. */
    public boolean insert(String keyId, ClientId clientId, byte[] hash, Instant now) {
        return jdbc.sql("INSERT INTO api_keys (id, client_id, key_hash, created_at) VALUES (:id, :clientId, :hash, :now) "
                + "ON CONFLICT (id) DO NOTHING")
                .param("id", keyId).param("clientId", clientId.value()).param("hash", hash)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    Optional<StoredKey> find(String keyId) {
        return jdbc.sql("SELECT id, client_id, key_hash, revoked_at FROM api_keys WHERE id = :id")
                .param("id", keyId)
                .query((rs, n) -> new StoredKey(rs.getString("id"), new ClientId(rs.getObject("client_id", UUID.class)),
                        rs.getBytes("key_hash"), rs.getTimestamp("revoked_at") != null))
                .optional();
    }

    /** Revokes a key of this client; false when the client has no such key. Revoking twice keeps the first time. */
    public boolean revoke(ClientId clientId, String keyId, Instant now) {
        return jdbc.sql("UPDATE api_keys SET revoked_at = coalesce(revoked_at, :now) WHERE id = :id AND client_id = :clientId")
                .param("now", Timestamp.from(now)).param("id", keyId).param("clientId", clientId.value())
                .update() == 1;
    }

    public List<KeyView> ofClient(ClientId clientId) {
        return jdbc.sql("SELECT id, created_at, last_used_at, revoked_at FROM api_keys WHERE client_id = :clientId "
                + "ORDER BY created_at")
                .param("clientId", clientId.value())
                .query(ApiKeyTable::view).list();
    }

    /** Moves last-used times forward, never back (two instances may report the same key). */
    void touch(Map<String, Instant> lastUsed) {
        lastUsed.forEach((keyId, at) -> jdbc.sql("UPDATE api_keys SET last_used_at = :at WHERE id = :id "
                + "AND (last_used_at IS NULL OR last_used_at < :at)")
                .param("at", Timestamp.from(at)).param("id", keyId).update());
    }

    private static KeyView view(ResultSet rs, int n) throws SQLException {
        return new KeyView(rs.getString("id"), rs.getTimestamp("created_at").toInstant(),
                Times.instant(rs.getTimestamp("last_used_at")), Times.instant(rs.getTimestamp("revoked_at")));
    }

}
