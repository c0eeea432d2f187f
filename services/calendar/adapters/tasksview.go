package adapters

import (
	"context"
	"fmt"
	"time"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// seriesOfTask is the recurring task a task of the view t belongs to:
// the one that created it, else the one that copies it.
const seriesOfTask = `COALESCE(
	(SELECT o.series_id FROM series_occurrences o WHERE o.task_id = t.task_id LIMIT 1),
	(SELECT s.id FROM task_series s WHERE s.task_id = t.task_id ORDER BY s.created_at LIMIT 1))`

// tasksDueSQL lists the tasks of projects (?) due in [?, ?), each with its
// recurring task.
const tasksDueSQL = `
		SELECT t.task_id, t.project_id, t.title, t.status, t.due_at, t.timezone, t.done_at, t.version, t.updated_at,
			` + seriesOfTask + ` AS series_id
		FROM tasks_view t
		WHERE t.project_id IN ? AND t.due_at >= ? AND t.due_at < ? AND t.due_at IS NOT NULL AND NOT t.deleted
		ORDER BY t.due_at, t.task_id`

type taskViewRow struct {
	TaskID    string
	ProjectID string
	Title     string
	Status    string
	DueAt     *time.Time
	Timezone  string
	DoneAt    *time.Time
	Version   int64
	UpdatedAt time.Time
	SeriesID  *string
}

func (r taskViewRow) domain() domain.Task {
	t := domain.Task{ID: r.TaskID, ProjectID: r.ProjectID, Title: r.Title, Status: r.Status, DueAt: r.DueAt,
		Timezone: r.Timezone, DoneAt: r.DoneAt, Version: r.Version, UpdatedAt: r.UpdatedAt}
	if r.SeriesID != nil {
		t.SeriesID = *r.SeriesID
	}
	return t
}

// PutTask stores the state of a task unless the view holds a newer one
// or the task was deleted: events may come twice and out of order.
func (s *Store) PutTask(ctx context.Context, t domain.Task) error {
	err := s.db.WithContext(ctx).Exec(`
		INSERT INTO tasks_view (task_id, project_id, title, status, due_at, timezone, done_at, version, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (task_id) DO UPDATE SET project_id = EXCLUDED.project_id, title = EXCLUDED.title,
			status = EXCLUDED.status, due_at = EXCLUDED.due_at, timezone = EXCLUDED.timezone,
			done_at = EXCLUDED.done_at, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
		WHERE tasks_view.version < EXCLUDED.version AND NOT tasks_view.deleted`,
		t.ID, t.ProjectID, t.Title, t.Status, t.DueAt, t.Timezone, t.DoneAt, t.Version, t.UpdatedAt).Error
	if err != nil {
		return fmt.Errorf("put task %s: %w", t.ID, err)
	}
	return nil
}

// DeleteTask keeps a tombstone of the task (no title, no date) and
// removes the reminders about it.
func (s *Store) DeleteTask(ctx context.Context, projectID, taskID string, at time.Time) error {
	if err := s.db.WithContext(ctx).Exec(`DELETE FROM reminders WHERE target_kind = 'task' AND target_id = ?`, taskID).Error; err != nil {
		return fmt.Errorf("delete reminders of task %s: %w", taskID, err)
	}
	err := s.db.WithContext(ctx).Exec(`
		INSERT INTO tasks_view (task_id, project_id, title, status, version, deleted, updated_at)
		VALUES (?, ?, '', '', 0, true, ?)
		ON CONFLICT (task_id) DO UPDATE SET title = '', due_at = NULL, done_at = NULL, deleted = true`,
		taskID, projectID, at).Error
	if err != nil {
		return fmt.Errorf("delete task %s: %w", taskID, err)
	}
	return nil
}

// DeleteProjectTasks forgets every task of a deleted project.
func (s *Store) DeleteProjectTasks(ctx context.Context, projectID string) error {
	if err := s.db.WithContext(ctx).Exec(`DELETE FROM tasks_view WHERE project_id = ?`, projectID).Error; err != nil {
		return fmt.Errorf("delete tasks of project %s: %w", projectID, err)
	}
	return nil
}

// TasksDue returns the tasks of the projects due in [from, to), each with
// the recurring task it is an occurrence of, in order of due date.
func (s *Store) TasksDue(ctx context.Context, projectIDs []string, from, to time.Time) ([]domain.Task, error) {
	if len(projectIDs) == 0 {
		return nil, nil
	}
	var rows []taskViewRow
	err := s.db.WithContext(ctx).Raw(tasksDueSQL, projectIDs, from, to).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("tasks due in range: %w", err)
	}
	out := make([]domain.Task, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// Task returns a task of the view (false when it holds none, or a
// tombstone).
func (s *Store) Task(ctx context.Context, taskID string) (domain.Task, bool, error) {
	var rows []taskViewRow
	err := s.db.WithContext(ctx).Raw(`
		SELECT t.task_id, t.project_id, t.title, t.status, t.due_at, t.timezone, t.done_at, t.version, t.updated_at,
			`+seriesOfTask+` AS series_id
		FROM tasks_view t WHERE t.task_id = ? AND NOT t.deleted`, taskID).Scan(&rows).Error
	if err != nil {
		return domain.Task{}, false, fmt.Errorf("load task %s: %w", taskID, err)
	}
	if len(rows) == 0 {
		return domain.Task{}, false, nil
	}
	return rows[0].domain(), true, nil
}

// CreatedOccurrences returns, per series, the due dates in [from, to)
// whose occurrence was created (or is being created) as a task.
func (s *Store) CreatedOccurrences(ctx context.Context, seriesIDs []string, from, to time.Time) (map[string][]time.Time, error) {
	out := map[string][]time.Time{}
	if len(seriesIDs) == 0 {
		return out, nil
	}
	var rows []occurrenceRow
	err := s.db.WithContext(ctx).Where("series_id IN ? AND due_at >= ? AND due_at < ?", seriesIDs, from, to).
		Order("series_id, due_at").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("created occurrences: %w", err)
	}
	for _, r := range rows {
		out[r.SeriesID] = append(out[r.SeriesID], r.DueAt)
	}
	return out, nil
}

// OccurrenceOfTask returns the series and due date of the occurrence a
// task was created for (false when it is none).
func (s *Store) OccurrenceOfTask(ctx context.Context, taskID string) (string, time.Time, bool, error) {
	var rows []occurrenceRow
	if err := s.db.WithContext(ctx).Where("task_id = ?", taskID).Limit(1).Find(&rows).Error; err != nil {
		return "", time.Time{}, false, fmt.Errorf("occurrence of task %s: %w", taskID, err)
	}
	if len(rows) == 0 {
		return "", time.Time{}, false, nil
	}
	return rows[0].SeriesID, rows[0].DueAt, true, nil
}
