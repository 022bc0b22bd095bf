-- A ticket's life as Dispatch writes it, one pgbench transaction per ticket: accept, claim, complete
-- with its callback delivery, record the attempt. Four commits, as in the service (the batched
-- "published" mark, one statement per up to 500 tickets, is left out).
BEGIN;
INSERT INTO tickets (id, type, request_id, payload, payload_hash, callback_url, status, run_count, version,
                     created_at, updated_at)
VALUES (gen_random_uuid(), 'echo-test', gen_random_uuid()::text,
        '{"email":"test@example.com","name":"Jan","surname":"Kowalski"}',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'http://127.0.0.1:9/callback',
        'ACCEPTED', 0, 0, now(), now())
RETURNING id AS ticket \gset
COMMIT;
BEGIN;
SELECT version FROM tickets WHERE id = :ticket;
UPDATE tickets SET status = 'PROCESSING', run_count = 1, claimed_at = now(), updated_at = now(), version = 1
 WHERE id = :ticket AND version = 0;
COMMIT;
BEGIN;
SELECT version FROM tickets WHERE id = :ticket;
UPDATE tickets SET status = 'COMPLETED', result = '{"email":"test@example.com","name":"Jan","surname":"Kowalski"}',
       updated_at = now(), version = 2
 WHERE id = :ticket AND version = 1;
INSERT INTO callback_deliveries (ticket_id, url, body, status, attempts, budget_start, next_attempt_at, lease_until,
                                 submitted_at, created_at, updated_at)
VALUES (:ticket, 'http://127.0.0.1:9/callback', '{"type":"echo-test.completed"}', 'PENDING', 0, 0, now(),
        now() + interval '30 seconds', now(), now(), now());
COMMIT;
BEGIN;
SELECT status FROM callback_deliveries WHERE ticket_id = :ticket;
UPDATE callback_deliveries SET status = 'DELIVERED', attempts = 1, last_attempt_at = now(), last_status_code = 204,
       lease_until = NULL, next_attempt_at = NULL, updated_at = now()
 WHERE ticket_id = :ticket;
INSERT INTO callback_attempts (ticket_id, attempt, attempted_at, status_code, duration_ms, outcome)
VALUES (:ticket, 1, now(), 204, 1, 'SUCCEEDED');
COMMIT;
