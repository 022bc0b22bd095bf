-- One durable insert into the service's own ticket table per transaction: the intake ceiling.
INSERT INTO tickets (id, client_id, type, request_id, payload, payload_hash, callback_url, status, run_count,
                     version, created_at, updated_at)
VALUES (gen_random_uuid(), '00000000-0000-0000-0000-0000000000bb', 'echo-test', gen_random_uuid()::text,
        '{"email":"test@example.com","name":"Jan","surname":"Kowalski"}',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'http://127.0.0.1:9/callback',
        'ACCEPTED', 0, 0, now(), now());
