-- Release 0.2: every ticket belongs to a client application, which has API keys of its own and
-- webhook secrets of its own.
CREATE TABLE clients (
    id          uuid        PRIMARY KEY,
    name        varchar(64) NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT clients_name_unique UNIQUE (name)
);

-- A key is dsp_<id>_<secret>: the id finds the row, only a SHA-256 hash of the whole key is kept.
CREATE TABLE api_keys (
    id            varchar(16) PRIMARY KEY,
    client_id     uuid        NOT NULL REFERENCES clients (id),
    key_hash      bytea       NOT NULL,
    created_at    timestamptz NOT NULL,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

CREATE INDEX api_keys_by_client ON api_keys (client_id);

-- Secrets are AES-GCM ciphertexts (nonce, then ciphertext and tag); expires_at null means live
-- until the next rotation ends it.
CREATE TABLE webhook_secrets (
    id          uuid        PRIMARY KEY,
    client_id   uuid        NOT NULL REFERENCES clients (id),
    ciphertext  bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz
);

CREATE INDEX webhook_secrets_by_client ON webhook_secrets (client_id, created_at);

-- An upgraded database keeps its tickets: they move to a client named "default" (its webhook
-- secret is set by the next migration, which can encrypt).
INSERT INTO clients (id, name, created_at)
SELECT '00000000-0000-0000-0000-000000000001', 'default', now()
WHERE EXISTS (SELECT 1 FROM tickets);

ALTER TABLE tickets ADD COLUMN client_id uuid REFERENCES clients (id);
UPDATE tickets SET client_id = '00000000-0000-0000-0000-000000000001';
ALTER TABLE tickets ALTER COLUMN client_id SET NOT NULL;

-- The request id is the idempotency key of one client: two clients may use the same one.
ALTER TABLE tickets DROP CONSTRAINT tickets_request_id_unique;
ALTER TABLE tickets ADD CONSTRAINT tickets_request_id_unique UNIQUE (client_id, type, request_id);
DROP INDEX tickets_by_request_id;
CREATE INDEX tickets_by_request_id ON tickets (request_id);

-- A delivery is signed with its ticket's client's secrets; the column spares a join per attempt.
ALTER TABLE callback_deliveries ADD COLUMN client_id uuid REFERENCES clients (id);
UPDATE callback_deliveries d SET client_id = t.client_id FROM tickets t WHERE t.id = d.ticket_id;
ALTER TABLE callback_deliveries ALTER COLUMN client_id SET NOT NULL;
