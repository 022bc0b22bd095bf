package io.dispatch.client.secrets;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dispatch.client.ClientId;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Repository;

/** The webhook_secrets table: ciphertexts only, never a secret in clear. */
@Repository
class WebhookSecretTable {

    /** A secret as stored, still encrypted. */
    record StoredSecret(byte[] ciphertext, Instant createdAt, @Nullable Instant expiresAt) {

        boolean liveAt(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now);
        }
    }

    private final JdbcClient jdbc;

    WebhookSecretTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The table on one connection of its own, for a schema migration that runs before the data source is up. */
    static WebhookSecretTable on(Connection connection) {
        return new WebhookSecretTable(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
    }

    /** Stores a secret; false when one with this id exists already. */
    boolean insert(UUID id, ClientId clientId, byte[] ciphertext, Instant now) {
        return jdbc.sql("INSERT INTO webhook_secrets (id, client_id, ciphertext, created_at) "
                + "VALUES (:id, :clientId, :ciphertext, :now) ON CONFLICT (id) DO NOTHING")
                .param("id", id).param("clientId", clientId.value()).param("ciphertext", ciphertext)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** The client's live secrets, newest first. */
    List<StoredSecret> live(ClientId clientId, Instant now) {
        return jdbc.sql("SELECT ciphertext, created_at, expires_at FROM webhook_secrets WHERE client_id = :clientId "
                + "AND (expires_at IS NULL OR expires_at > :now) ORDER BY created_at DESC, id")
                .param("clientId", clientId.value()).param("now", Timestamp.from(now))
                .query((rs, n) -> new StoredSecret(rs.getBytes("ciphertext"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("expires_at") == null ? null : rs.getTimestamp("expires_at").toInstant()))
                .list();
    }

    /** Lets every live secret of the client expire at {@code at} at the latest. */
    void expireLive(ClientId clientId, Instant at) {
        jdbc.sql("UPDATE webhook_secrets SET expires_at = :at WHERE client_id = :clientId "
                + "AND (expires_at IS NULL OR expires_at > :at)")
                .param("at", Timestamp.from(at)).param("clientId", clientId.value())
                .update();
    }
}
