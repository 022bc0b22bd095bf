-- When the ticket was submitted, for the submission-to-delivery lag, and the W3C traceparent of
-- the run that ended the work, sent on every attempt so the callback joins the submission's trace.
ALTER TABLE callback_deliveries ADD COLUMN submitted_at timestamptz;
ALTER TABLE callback_deliveries ADD COLUMN trace_parent varchar(64);

-- Keeps the open-ticket gauges cheap however many finished tickets the table holds.
CREATE INDEX tickets_open ON tickets (status) WHERE status IN ('ACCEPTED', 'PROCESSING');
