-- The ticket list (GET /api/v1/tickets) is newest first by (created_at, id), paged by keyset. These
-- indexes give the common filters an index range scan in that order: a client's tickets, every
-- client's (operators), and a client's tickets in one status. The other filters (type, request id,
-- time range, callback status) narrow one of these scans, or use tickets_by_request_id.
CREATE INDEX tickets_by_client_newest ON tickets (client_id, created_at DESC, id DESC);
CREATE INDEX tickets_newest ON tickets (created_at DESC, id DESC);
CREATE INDEX tickets_by_client_status_newest ON tickets (client_id, status, created_at DESC, id DESC);
