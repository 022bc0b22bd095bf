-- Release 0.3: limits per client. A null column follows the setting dispatch.limits.*, so a
-- changed default reaches every client that was not given a value of its own.
CREATE TABLE client_limits (
    client_id               uuid        PRIMARY KEY REFERENCES clients (id),
    submissions_per_second  integer,
    submission_burst        integer,
    max_open_tickets        integer,
    parallel_callbacks      integer,
    updated_at              timestamptz NOT NULL
);

-- Bucket4j keys its buckets by a number; each client gets one of its own.
ALTER TABLE clients ADD COLUMN bucket_key bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE clients ADD CONSTRAINT clients_bucket_key_unique UNIQUE (bucket_key);

-- The submission buckets, shared by every instance: Bucket4j's own layout (expires_at in epoch
-- milliseconds, after which a bucket is full again and its row may go).
CREATE TABLE rate_buckets (
    id          bigint PRIMARY KEY,
    state       bytea,
    expires_at  bigint
);

-- Fair share: every stage takes a few rows per client with work waiting, so each needs its rows
-- by client, in the order it serves them. The ticket indexes replace those of V1 and V2, which the
-- statements that used them can read as well, so a ticket costs no more index writes than before.
DROP INDEX tickets_unpublished;
CREATE INDEX tickets_unpublished_by_client ON tickets (client_id, created_at)
    WHERE status = 'ACCEPTED' AND published_at IS NULL;
CREATE INDEX callback_deliveries_due_by_client ON callback_deliveries (client_id, status, next_attempt_at)
    WHERE status IN ('PENDING', 'RETRYING');

-- Open tickets per client, counted for the quota and the gauges without reading ended ones.
DROP INDEX tickets_open;
CREATE INDEX tickets_open_by_client ON tickets (client_id, status) WHERE status IN ('ACCEPTED', 'PROCESSING');

-- Retention finds ended deliveries by when they ended.
CREATE INDEX callback_deliveries_ended ON callback_deliveries (updated_at) WHERE status IN ('DELIVERED', 'EXHAUSTED');

-- Submissions each client's limits refused, per minute, for the dashboard's last hour: counted in
-- memory and added every few seconds, so a flood of refused requests costs no write each.
CREATE TABLE limit_refusals (
    client_id      uuid        NOT NULL,
    minute         timestamptz NOT NULL,
    rate_limited   integer     NOT NULL DEFAULT 0,
    too_many_open  integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (client_id, minute)
);
