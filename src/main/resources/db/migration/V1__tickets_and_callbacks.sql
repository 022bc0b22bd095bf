-- A ticket is a client's request and what became of it; the row is also the outbox of its task
-- message (published_at stays null until the broker confirmed the message).
CREATE TABLE tickets (
    id            uuid         PRIMARY KEY,
    type          varchar(64)  NOT NULL,
    request_id    varchar(128) NOT NULL,
    payload       text         NOT NULL,
    payload_hash  varchar(64)  NOT NULL,
    callback_url  varchar(2048) NOT NULL,
    status        varchar(16)  NOT NULL,
    result        text,
    error         text,
    run_count     integer      NOT NULL DEFAULT 0,
    version       bigint       NOT NULL DEFAULT 0,
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL,
    published_at  timestamptz,
    claimed_at    timestamptz,
    CONSTRAINT tickets_request_id_unique UNIQUE (type, request_id)
);

CREATE INDEX tickets_by_request_id ON tickets (request_id);
CREATE INDEX tickets_unpublished ON tickets (created_at) WHERE status = 'ACCEPTED' AND published_at IS NULL;
CREATE INDEX tickets_in_progress ON tickets (claimed_at) WHERE status = 'PROCESSING';

-- The delivery of a ticket's callback. The body is stored as sent, so every attempt signs the same bytes.
CREATE TABLE callback_deliveries (
    ticket_id        uuid          PRIMARY KEY,
    url              varchar(2048) NOT NULL,
    body             text          NOT NULL,
    status           varchar(16)   NOT NULL,
    attempts         integer       NOT NULL DEFAULT 0,
    budget_start     integer       NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    lease_until      timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL
);

CREATE INDEX callback_deliveries_due ON callback_deliveries (next_attempt_at)
    WHERE status IN ('PENDING', 'RETRYING');

CREATE TABLE callback_attempts (
    id            bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id     uuid         NOT NULL REFERENCES callback_deliveries (ticket_id),
    attempt       integer      NOT NULL,
    attempted_at  timestamptz  NOT NULL,
    status_code   integer,
    duration_ms   bigint       NOT NULL,
    outcome       varchar(16)  NOT NULL,
    error         text,
    CONSTRAINT callback_attempts_unique UNIQUE (ticket_id, attempt)
);
