-- Delivered and failed callback attempts per client and minute, for the dashboard's last hour:
-- rolled up from callback_attempts every few seconds, so no page ever counts the attempts table.
CREATE TABLE delivery_minutes (
    client_id  uuid        NOT NULL,
    minute     timestamptz NOT NULL,
    delivered  integer     NOT NULL DEFAULT 0,
    failed     integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (client_id, minute)
);

CREATE INDEX delivery_minutes_by_minute ON delivery_minutes (minute);

-- How far the rollup has read callback_attempts (by id). It starts at what is there now: attempts
-- made before this migration are not rolled up.
CREATE TABLE rollup_marks (
    name     varchar(64) PRIMARY KEY,
    last_id  bigint      NOT NULL
);

INSERT INTO rollup_marks (name, last_id)
SELECT 'delivery_minutes', coalesce(max(id), 0) FROM callback_attempts;
