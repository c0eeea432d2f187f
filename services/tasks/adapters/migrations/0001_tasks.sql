-- Tasks, categories and tags of TaskRocket projects. Projects belong to the
-- projects service: project_id is a plain uuid here (no foreign key across
-- services), and project.deleted removes a project's rows.
--
-- Objects of one project refer only to objects of the same project: the
-- foreign keys are on (project_id, id) pairs, so a task can never point
-- at another project's parent, category or tag whatever the code does.

-- Title search (ILIKE '%text%') through a trigram index. pg_trgm is a
-- trusted extension: the database owner may create it, no superuser
-- needed.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE categories (
    id         uuid        PRIMARY KEY,
    project_id uuid        NOT NULL,
    name       text        NOT NULL,
    color      text        NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
    created_by uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT categories_project_id_key UNIQUE (project_id, id)
);

-- The name is part of the contract with the code: a violation is reported
-- to clients as category_name_taken. It also orders category lists.
CREATE UNIQUE INDEX categories_name_key ON categories (project_id, lower(name));

CREATE TABLE tags (
    id         uuid        PRIMARY KEY,
    project_id uuid        NOT NULL,
    name       text        NOT NULL,
    color      text        NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
    created_by uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT tags_project_id_key UNIQUE (project_id, id)
);

-- Reported as tag_name_taken; orders tag lists.
CREATE UNIQUE INDEX tags_name_key ON tags (project_id, lower(name));

-- priority is an ordinal (0 none .. 4 urgent) so that lists sort by it.
-- position is a fractional index key compared as bytes (COLLATE "C").
-- version counts writes; clients send it back in If-Match.
CREATE TABLE tasks (
    id               uuid        PRIMARY KEY,
    project_id       uuid        NOT NULL,
    parent_id        uuid,
    title            text        NOT NULL,
    description      text        NOT NULL DEFAULT '',
    status           text        NOT NULL CHECK (status IN ('todo', 'in_progress', 'done')),
    priority         smallint    NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 4),
    start_at         timestamptz,
    due_at           timestamptz,
    timezone         text,
    estimate_minutes integer     NOT NULL DEFAULT 0 CHECK (estimate_minutes BETWEEN 0 AND 100000),
    category_id      uuid,
    position         text        COLLATE "C" NOT NULL,
    done_at          timestamptz,
    version          bigint      NOT NULL DEFAULT 1,
    created_by       uuid        NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT tasks_project_id_key UNIQUE (project_id, id),
    -- Reported as invalid_parent / invalid_category when violated.
    CONSTRAINT tasks_parent_fkey FOREIGN KEY (project_id, parent_id)
        REFERENCES tasks (project_id, id) ON DELETE CASCADE,
    CONSTRAINT tasks_category_fkey FOREIGN KEY (project_id, category_id)
        REFERENCES categories (project_id, id),
    CONSTRAINT tasks_not_own_parent CHECK (parent_id <> id),
    CONSTRAINT tasks_start_before_due CHECK (start_at <= due_at),
    CONSTRAINT tasks_done_at CHECK ((status = 'done') = (done_at IS NOT NULL))
);

-- One index per sort of a project's list, each ending with id so that
-- keyset pages resume exactly (row comparisons on the index columns). The
-- priority sort is "most urgent first, then soonest due, no due date
-- last": ascending on (-priority, due or +infinity, id).
CREATE INDEX tasks_by_priority ON tasks (project_id, (-priority), (COALESCE(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX tasks_by_due ON tasks (project_id, (COALESCE(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX tasks_by_created ON tasks (project_id, created_at, id);
CREATE INDEX tasks_by_updated ON tasks (project_id, updated_at, id);
CREATE INDEX tasks_by_position ON tasks (project_id, position, id);
-- Board counts per status (index-only scans).
CREATE INDEX tasks_by_status ON tasks (project_id, status);
-- Subtasks of a task (parentId filter, subtree walks).
CREATE INDEX tasks_by_parent ON tasks (parent_id) WHERE parent_id IS NOT NULL;
-- Title search.
CREATE INDEX tasks_title_trgm ON tasks USING gin (title gin_trgm_ops);
-- Detaching a deleted category.
CREATE INDEX tasks_by_category ON tasks (category_id) WHERE category_id IS NOT NULL;

CREATE TABLE task_assignees (
    task_id    uuid NOT NULL,
    user_id    uuid NOT NULL,
    project_id uuid NOT NULL,
    PRIMARY KEY (task_id, user_id),
    FOREIGN KEY (project_id, task_id) REFERENCES tasks (project_id, id) ON DELETE CASCADE
);

-- "Assigned to me" and removing a member's assignments in a project.
CREATE INDEX task_assignees_by_user ON task_assignees (user_id, project_id, task_id);

CREATE TABLE task_tags (
    task_id    uuid NOT NULL,
    tag_id     uuid NOT NULL,
    project_id uuid NOT NULL,
    PRIMARY KEY (task_id, tag_id),
    FOREIGN KEY (project_id, task_id) REFERENCES tasks (project_id, id) ON DELETE CASCADE,
    -- Reported as invalid_tag when violated.
    CONSTRAINT task_tags_tag_fkey FOREIGN KEY (project_id, tag_id) REFERENCES tags (project_id, id)
);

-- Tasks with a tag (filter, detaching a deleted tag).
CREATE INDEX task_tags_by_tag ON task_tags (tag_id, task_id);
