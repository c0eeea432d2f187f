CREATE TABLE received (
    event_id    text        PRIMARY KEY,
    topic       text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE deliveries (count bigint NOT NULL);
INSERT INTO deliveries VALUES (0);
