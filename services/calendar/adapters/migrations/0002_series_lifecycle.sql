-- A recurring task's lifecycle and its link to the task it repeats.
--
-- task_id is the task the series was made from (NULL: a series made with
-- a title only): each occurrence is created in the tasks service as a
-- copy of it. status: an active series creates occurrences and shows
-- them on calendars; a paused one does neither until resumed; a stopped
-- one never again. series_skips are single occurrences left out;
-- series_occurrences records each occurrence created, one per series and
-- instant, so that a schedule delivered twice creates one task.

ALTER TABLE task_series
    ADD COLUMN task_id uuid,
    ADD COLUMN status  text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'stopped'));

CREATE TABLE series_skips (
    series_id uuid        NOT NULL REFERENCES task_series (id) ON DELETE CASCADE,
    due_at    timestamptz NOT NULL,
    PRIMARY KEY (series_id, due_at)
);

CREATE TABLE series_occurrences (
    series_id  uuid        NOT NULL REFERENCES task_series (id) ON DELETE CASCADE,
    due_at     timestamptz NOT NULL,
    task_id    uuid,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (series_id, due_at)
);
