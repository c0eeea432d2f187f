-- Priority rules of TaskRocket projects, and the projection of the tasks
-- they apply to. Projects and tasks belong to other services: their ids
-- are plain uuids here; project.deleted removes a project's rows.

-- A project's rules apply in ascending position. level is an ordinal
-- (0 none .. 4 urgent); value is a tag, category or user id, or a status.
CREATE TABLE rules (
    id             uuid        PRIMARY KEY,
    project_id     uuid        NOT NULL,
    position       integer     NOT NULL,
    condition_kind text        NOT NULL,
    hours          integer     NOT NULL DEFAULT 0,
    days           integer     NOT NULL DEFAULT 0,
    value          text        NOT NULL DEFAULT '',
    effect_kind    text        NOT NULL CHECK (effect_kind IN ('at_least', 'exactly')),
    level          smallint    NOT NULL CHECK (level BETWEEN 0 AND 4),
    version        bigint      NOT NULL,
    created_by     uuid        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX rules_project_idx ON rules (project_id, position);

-- The tasks of the projects this service has loaded (loaded_projects),
-- kept current by the tasks topic's events. A deleted task stays as a
-- tombstone so that a late load cannot bring it back. version is the
-- task's version: older states are ignored. effective/reason/rule_id are
-- what was last announced (priority.effective_changed, sequence);
-- next_eval_at is when a time-based rule starts to hold for the task.
CREATE TABLE projected_tasks (
    id           uuid        PRIMARY KEY,
    project_id   uuid        NOT NULL,
    title        text        NOT NULL DEFAULT '',
    status       text        NOT NULL DEFAULT 'todo',
    explicit     smallint    NOT NULL DEFAULT 0,
    due_at       timestamptz,
    assignee_ids text[]      NOT NULL DEFAULT '{}',
    category_id  text        NOT NULL DEFAULT '',
    tag_ids      text[]      NOT NULL DEFAULT '{}',
    position     text        COLLATE "C" NOT NULL DEFAULT '',
    updated_at   timestamptz NOT NULL,
    version      bigint      NOT NULL,
    deleted      boolean     NOT NULL DEFAULT false,
    effective    smallint    NOT NULL DEFAULT 0,
    reason       text        NOT NULL DEFAULT '',
    rule_id      text        NOT NULL DEFAULT '',
    sequence     bigint      NOT NULL DEFAULT 0,
    next_eval_at timestamptz
);
CREATE INDEX projected_tasks_open_idx ON projected_tasks (project_id) WHERE NOT deleted AND status <> 'done';
CREATE INDEX projected_tasks_assignee_idx ON projected_tasks USING gin (assignee_ids) WHERE NOT deleted AND status <> 'done';
CREATE INDEX projected_tasks_next_eval_idx ON projected_tasks (next_eval_at) WHERE next_eval_at IS NOT NULL;

-- Projects whose open tasks have been loaded from the tasks service.
CREATE TABLE loaded_projects (
    project_id uuid        PRIMARY KEY,
    loaded_at  timestamptz NOT NULL
);
