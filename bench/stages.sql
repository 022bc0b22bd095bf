-- Where a ticket's time goes inside the service, for the tickets created in the last :seconds
-- seconds that were called back: percentiles (50, 90, 99) in milliseconds of each stage, from the
-- rows the service itself keeps.
--   queued     accepted (the row stored) until a worker claimed it: the intake's commit, the relay
--              or the fast path, the broker, a consumer's batch
--   ran        the claim until the outcome was stored: the use case and the outcome's commit
--   to_send    the outcome until the first callback attempt began: the sender's hand-off and lane
--   attempt    the first attempt's POST, until the receiver answered
--   total      accepted until the first attempt ended
--
--   psql -h 127.0.0.1 -U postgres -d <database> -v seconds=60 -f bench/stages.sql
WITH ticket AS (
    SELECT t.created_at, t.claimed_at, t.updated_at AS finished_at, a.attempted_at, a.duration_ms
    FROM tickets t
    JOIN callback_attempts a ON a.ticket_id = t.id AND a.attempt = 1
    WHERE t.created_at > now() - make_interval(secs => :seconds)
      AND t.claimed_at IS NOT NULL
)
SELECT count(*) AS tickets,
       percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (
           ORDER BY round(extract(epoch FROM claimed_at - created_at) * 1000, 1)) AS queued,
       percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (
           ORDER BY round(extract(epoch FROM finished_at - claimed_at) * 1000, 1)) AS ran,
       percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (
           ORDER BY round(extract(epoch FROM attempted_at - finished_at) * 1000, 1)) AS to_send,
       percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY duration_ms) AS attempt,
       percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (
           ORDER BY round(extract(epoch FROM attempted_at - created_at) * 1000, 1) + duration_ms) AS total
FROM ticket;
