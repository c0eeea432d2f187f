-- The calendar's view of the tasks service's tasks (fed by the tasks
-- topic): what places a task on a calendar. A deleted task stays as a
-- tombstone so that a late event cannot bring it back.
CREATE TABLE tasks_view (
    task_id    uuid        PRIMARY KEY,
    project_id uuid        NOT NULL,
    title      text        NOT NULL,
    status     text        NOT NULL,
    due_at     timestamptz,
    timezone   text        NOT NULL DEFAULT '',
    done_at    timestamptz,
    version    bigint      NOT NULL,
    deleted    boolean     NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL
);

CREATE INDEX tasks_view_due ON tasks_view (project_id, due_at) WHERE due_at IS NOT NULL AND NOT deleted;

CREATE INDEX series_occurrences_by_task ON series_occurrences (task_id) WHERE task_id IS NOT NULL;
