-- Tasks created by another service on a schedule (the calendar's
-- recurring tasks): one task per key, however often the creation is
-- asked for, so a schedule delivered twice creates one task.
CREATE TABLE occurrence_keys (
    key        text        PRIMARY KEY,
    task_id    uuid        NOT NULL,
    created_at timestamptz NOT NULL
);
