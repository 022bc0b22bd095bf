-- The ticket list's callbackStatus filter is driven from the deliveries when it asks for a rare
-- status: RETRYING and PENDING use callback_deliveries_due, EXHAUSTED this one. A partial index, so
-- the many delivered rows cost it nothing.
CREATE INDEX callback_deliveries_exhausted ON callback_deliveries (client_id) WHERE status = 'EXHAUSTED';
