-- The recurring task that copies a task (task_series.task_id), found by
-- the task: a range query or a feed names the series of every task it
-- lists, and without this index each of them scanned every series.
CREATE INDEX task_series_by_task ON task_series (task_id, created_at) WHERE task_id IS NOT NULL;
