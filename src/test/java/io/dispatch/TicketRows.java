package io.dispatch;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes an echo-test ticket row straight into the table, for tests that need a state the API
 * cannot produce on demand: left behind by a dead worker, stuck in the outbox, or to be run only by
 * a message the test publishes itself.
 */
public final class TicketRows {

    private TicketRows() {
    }

    /**
     * @param clientId the client the ticket belongs to
     * @param status {@code ACCEPTED}, or {@code PROCESSING} as a claimed ticket (run once, version 1)
     * @param publishedAt when its task was confirmed, or null when it is still in the outbox
     * @param claimedAt when a worker claimed it, or null
     */
    public static UUID insert(JdbcClient jdbc, String clientId, String status, String callbackUrl, Instant createdAt,
            @Nullable Instant publishedAt, @Nullable Instant claimedAt) {
        UUID id = UUID.randomUUID();
        int runs = status.equals("PROCESSING") ? 1 : 0;
        jdbc.sql("""
                INSERT INTO tickets (id, client_id, type, request_id, payload, payload_hash, callback_url, status,
                                     run_count, version, created_at, updated_at, published_at, claimed_at)
                VALUES (:id, :clientId::uuid, 'echo-test', :requestId, '{"email":"a@example.com","name":"A","surname":"B"}', 'x',
                        :url, :status, :runs, :runs, :createdAt, :createdAt, :publishedAt, :claimedAt)""")
                .param("id", id).param("clientId", clientId).param("requestId", "req-" + id).param("url", callbackUrl).param("status", status)
                .param("runs", runs).param("createdAt", Timestamp.from(createdAt))
                .param("publishedAt", publishedAt == null ? null : Timestamp.from(publishedAt))
                .param("claimedAt", claimedAt == null ? null : Timestamp.from(claimedAt))
                .update();
        return id;
    }
}
