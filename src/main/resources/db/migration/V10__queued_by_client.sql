-- Fair share in the work queues: the relay gives a client only as many tasks in the queues as it
-- has room for, and counts the client's published, unclaimed tickets to know. Those few rows per
-- client are found here without reading its backlog of unpublished ones.
CREATE INDEX tickets_queued_by_client ON tickets (client_id) WHERE status = 'ACCEPTED' AND published_at IS NOT NULL;
