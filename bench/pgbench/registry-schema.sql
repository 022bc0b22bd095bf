-- Spring Modulith's JDBC event publication table (PostgreSQL), for the outbox comparison only.
CREATE TABLE event_publication (
    id               uuid                     NOT NULL PRIMARY KEY,
    listener_id      text                     NOT NULL,
    event_type       text                     NOT NULL,
    serialized_event text                     NOT NULL,
    publication_date timestamp with time zone NOT NULL,
    completion_date  timestamp with time zone
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
