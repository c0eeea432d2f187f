-- Next up reads a project's open tasks in its order straight from an
-- index: effective priority (highest first), due time (none last),
-- position (bytes), id. effective is kept current by every task event,
-- rule change and time-based re-evaluation, so the order needs no rule
-- evaluated at read time.
CREATE INDEX projected_tasks_next_up_idx ON projected_tasks
    (project_id, effective DESC, (COALESCE(due_at, 'infinity'::timestamptz)), position, id)
    WHERE NOT deleted AND status <> 'done';
