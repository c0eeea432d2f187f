-- Transactional outbox: rows are written in the same transaction as the
-- change they announce and relayed to pub/sub afterwards.
CREATE TABLE outbox_events (
    id           uuid        PRIMARY KEY,          -- the CloudEvent id
    seq          bigserial   NOT NULL UNIQUE,      -- relay order
    pubsub       text        NOT NULL,
    topic        text        NOT NULL,
    event_type   text        NOT NULL,
    payload      jsonb       NOT NULL,             -- the whole CloudEvent
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text
);

CREATE INDEX outbox_events_pending ON outbox_events (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_events_published ON outbox_events (published_at) WHERE published_at IS NOT NULL;

-- Inbox: ids of events a consumer has already applied (idempotency).
CREATE TABLE processed_events (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
