-- A ticket's life as Dispatch writes it, one pgbench transaction per ticket, statement for statement:
-- accept (one auto-committed insert), claim (one update that commits without waiting for the disk),
-- complete with its callback delivery (one transaction), and the attempt with the delivery's next state
-- (one statement). Four commits, as in the service (the batched "published" mark, one statement per up
-- to 500 tickets, is left out).
INSERT INTO tickets (id, client_id, type, request_id, payload, payload_hash, callback_url, status, run_count,
                     version, created_at, updated_at)
VALUES (gen_random_uuid(), '00000000-0000-0000-0000-0000000000bb', 'echo-test', gen_random_uuid()::text,
        '{"email":"test@example.com","name":"Jan","surname":"Kowalski"}',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'http://127.0.0.1:9/callback',
        'ACCEPTED', 0, 0, now(), now())
ON CONFLICT (client_id, type, request_id) DO NOTHING
RETURNING id AS ticket \gset
UPDATE tickets SET status = 'PROCESSING', run_count = run_count + 1, version = version + 1, claimed_at = now(),
       updated_at = now()
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
 WHERE id = :ticket AND status = 'ACCEPTED'
RETURNING id, type, request_id, payload, payload_hash, callback_url, status, result, error, version, created_at,
          updated_at;
BEGIN;
UPDATE tickets SET status = 'COMPLETED', result = '{"email":"test@example.com","name":"Jan","surname":"Kowalski"}',
       error = NULL, version = version + 1, updated_at = now()
 WHERE id = :ticket AND version = 1 AND status = 'PROCESSING';
INSERT INTO callback_deliveries (ticket_id, client_id, url, body, status, attempts, budget_start, next_attempt_at,
                                 lease_until, submitted_at, trace_parent, created_at, updated_at)
VALUES (:ticket, '00000000-0000-0000-0000-0000000000bb', 'http://127.0.0.1:9/callback', '{"type":"echo-test.completed"}', 'PENDING', 0, 0, now(),
        now() + interval '25 seconds', now(), NULL, now(), now());
COMMIT;
WITH delivery AS (
    UPDATE callback_deliveries
    SET status = 'DELIVERED', attempts = 1, next_attempt_at = NULL, lease_until = NULL, last_attempt_at = now(),
        last_status_code = 204, updated_at = now()
    WHERE ticket_id = :ticket AND attempts = 0
    RETURNING ticket_id)
INSERT INTO callback_attempts (ticket_id, attempt, attempted_at, status_code, duration_ms, outcome, error)
SELECT ticket_id, 1, now(), 204, 1, 'SUCCEEDED', NULL FROM delivery;
