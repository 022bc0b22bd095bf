package io.dispatch.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface TicketRepository extends JpaRepository<Ticket, UUID> {

    /**
     * Inserts a new ticket unless one with the same type and request id exists. The unique
     * constraint decides, so concurrent identical submissions make exactly one ticket.
     *
     * @return 1 when this call inserted the ticket, 0 when it already existed
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            INSERT INTO tickets (id, type, request_id, payload, payload_hash, callback_url, status,
                                 run_count, version, created_at, updated_at)
            VALUES (:id, :type, :requestId, :payload, :payloadHash, :callbackUrl, 'ACCEPTED', 0, 0, :now, :now)
            ON CONFLICT (type, request_id) DO NOTHING
            """)
    int insertIfAbsent(UUID id, String type, String requestId, String payload, String payloadHash, String callbackUrl,
            Instant now);

    Optional<Ticket> findByTypeAndRequestId(String type, String requestId);

    List<Ticket> findByRequestIdOrderByCreatedAt(String requestId);
}
