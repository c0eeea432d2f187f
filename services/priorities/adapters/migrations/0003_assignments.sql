-- A user's next up across projects, in order, from an index: one row per
-- (assignee, open task) with the task's sort key, kept in step with
-- projected_tasks by a trigger in the same transaction as every change.
-- (Read through the array index, a user with thousands of open tasks cost
-- a sort of all of them per computed answer.)
CREATE TABLE projected_assignments (
    user_id    text        NOT NULL,
    task_id    uuid        NOT NULL,
    project_id uuid        NOT NULL,
    effective  smallint    NOT NULL,
    due_key    timestamptz NOT NULL,
    position   text        COLLATE "C" NOT NULL,
    PRIMARY KEY (user_id, task_id)
);
CREATE INDEX projected_assignments_next_up_idx ON projected_assignments (user_id, effective DESC, due_key, position, task_id);
CREATE INDEX projected_assignments_task_idx ON projected_assignments (task_id);

CREATE FUNCTION projected_assignments_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM projected_assignments WHERE task_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' AND NOT NEW.deleted AND NEW.status <> 'done' THEN
        INSERT INTO projected_assignments (user_id, task_id, project_id, effective, due_key, position)
        SELECT DISTINCT u, NEW.id, NEW.project_id, NEW.effective, COALESCE(NEW.due_at, 'infinity'::timestamptz), NEW.position
        FROM unnest(NEW.assignee_ids) AS u;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER projected_assignments_sync AFTER INSERT OR UPDATE OR DELETE ON projected_tasks
    FOR EACH ROW EXECUTE FUNCTION projected_assignments_sync();

INSERT INTO projected_assignments (user_id, task_id, project_id, effective, due_key, position)
SELECT DISTINCT u, t.id, t.project_id, t.effective, COALESCE(t.due_at, 'infinity'::timestamptz), t.position
FROM projected_tasks t, unnest(t.assignee_ids) AS u
WHERE NOT t.deleted AND t.status <> 'done';
