-- The effective priority the priorities service computes from a task's
-- explicit priority and its project's rules (priority.effective_changed).
-- rule_priority is NULL while no rule changes the task's priority, so an
-- edit of the explicit priority shows at once; effective_priority is what
-- lists sort and filter by. effective_sequence orders the events: an older
-- one arriving late is ignored. None of this is the task's own data: it
-- does not change the task's version.
ALTER TABLE tasks
    ADD COLUMN rule_priority smallint CHECK (rule_priority BETWEEN 0 AND 4),
    ADD COLUMN effective_reason text,
    ADD COLUMN effective_sequence bigint NOT NULL DEFAULT 0,
    ADD COLUMN effective_priority smallint GENERATED ALWAYS AS (COALESCE(rule_priority, priority)) STORED;

-- The effective-priority sort, like tasks_by_priority.
CREATE INDEX tasks_by_effective ON tasks (project_id, (-effective_priority), (COALESCE(due_at, 'infinity'::timestamptz)), id);
