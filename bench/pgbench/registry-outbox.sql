-- The alternative outbox: the ticket plus an event-publication row (modelled on Spring Modulith's
-- JDBC registry) in one transaction, and the publication marked complete once the broker confirmed.
BEGIN;
INSERT INTO tickets (id, client_id, type, request_id, payload, payload_hash, callback_url, status, run_count,
                     version, created_at, updated_at)
VALUES (gen_random_uuid(), '00000000-0000-0000-0000-0000000000bb', 'echo-test', gen_random_uuid()::text,
        '{"email":"test@example.com","name":"Jan","surname":"Kowalski"}',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'http://127.0.0.1:9/callback',
        'ACCEPTED', 0, 0, now(), now())
RETURNING id AS ticket \gset
INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date)
VALUES (gen_random_uuid(), 'io.dispatch.ticket.TaskPublisher.publish(io.dispatch.ticket.TicketAccepted)',
        'io.dispatch.ticket.TicketAccepted', '{"ticketId":"' || :ticket || '","type":"echo-test"}', now())
RETURNING id AS publication \gset
COMMIT;
UPDATE event_publication SET completion_date = now() WHERE id = :publication;
