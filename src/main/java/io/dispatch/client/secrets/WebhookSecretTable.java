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

    /** A secret as stored, still encrypted; its key version is null when it was stored before versions. */
    record StoredSecret(byte[] ciphertext, @Nullable String keyVersion, Instant createdAt, @Nullable Instant expiresAt) {

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
    boolean insert(UUID id, ClientId clientId, SecretCipher.Sealed sealed, Instant now) {
        return jdbc.sql("INSERT INTO webhook_secrets (id, client_id, ciphertext, key_version, created_at) "
                + "VALUES (:id, :clientId, :ciphertext, :keyVersion, :now) ON CONFLICT (id) DO NOTHING")
                .param("id", id).param("clientId", clientId.value()).param("ciphertext", sealed.ciphertext())
                .param("keyVersion", sealed.keyVersion()).param("now", Timestamp.from(now))
                .update() == 1;
    }

    /**
     * Stores a secret in the schema of version 4, which has no key versions yet (the upgrade from
     * 0.1 runs then): it is stored as of unknown version, and moved under a versioned key later.
     */
    void insertBeforeKeyVersions(UUID id, ClientId clientId, SecretCipher.Sealed sealed, Instant now) {
        jdbc.sql("INSERT INTO webhook_secrets (id, client_id, ciphertext, created_at) "
                + "VALUES (:id, :clientId, :ciphertext, :now) ON CONFLICT (id) DO NOTHING")
                .param("id", id).param("clientId", clientId.value()).param("ciphertext", sealed.ciphertext())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The client's live secrets, newest first. */
    List<StoredSecret> live(ClientId clientId, Instant now) {
        return jdbc.sql("SELECT ciphertext, key_version, created_at, expires_at FROM webhook_secrets "
                + "WHERE client_id = :clientId AND (expires_at IS NULL OR expires_at > :now) ORDER BY created_at DESC, id")
                .param("clientId", clientId.value()).param("now", Timestamp.from(now))
                .query((rs, n) -> new StoredSecret(rs.getBytes("ciphertext"), rs.getString("key_version"),
                        rs.getTimestamp("created_at").toInstant(),
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

    /** A stored secret not under the current key, to be moved there. */
    record Stale(UUID id, ClientId clientId, byte[] ciphertext, @Nullable String keyVersion) {
    }

    /** Up to {@code limit} secrets, expired ones included, under another key than this one. */
    List<Stale> underOtherKeys(String keyVersion, int limit) {
        return jdbc.sql("SELECT id, client_id, ciphertext, key_version FROM webhook_secrets "
                + "WHERE key_version IS DISTINCT FROM :keyVersion ORDER BY id LIMIT :limit")
                .param("keyVersion", keyVersion).param("limit", limit)
                .query((rs, n) -> new Stale(rs.getObject("id", UUID.class), new ClientId(rs.getObject("client_id",
                        UUID.class)), rs.getBytes("ciphertext"), rs.getString("key_version")))
                .list();
    }

    long countUnderOtherKeys(String keyVersion) {
        return jdbc.sql("SELECT count(*) FROM webhook_secrets WHERE key_version IS DISTINCT FROM :keyVersion")
                .param("keyVersion", keyVersion).query(Long.class).single();
    }

    /**
     * Puts a secret under another key, only if its value is still the one read: of two instances
     * moving the same secret, one writes and the other learns it had nothing to do.
     */
    boolean reencrypt(Stale stale, SecretCipher.Sealed sealed) {
        return jdbc.sql("UPDATE webhook_secrets SET ciphertext = :ciphertext, key_version = :keyVersion "
                + "WHERE id = :id AND ciphertext = :was")
                .param("ciphertext", sealed.ciphertext()).param("keyVersion", sealed.keyVersion())
                .param("id", stale.id()).param("was", stale.ciphertext())
                .update() == 1;
    }
}
