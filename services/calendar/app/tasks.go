package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// TaskChanged keeps the state a task.created or task.updated event
// carries (an older state than the one held changes nothing).
// The reminders about it follow its due date.
func (a *App) TaskChanged(ctx context.Context, t domain.Task) error {
	if err := a.Store.PutTask(ctx, t); err != nil {
		return err
	}
	return a.rearmAbout(ctx, domain.TargetTask, t.ID)
}

// TaskDeleted forgets a deleted task (its tombstone stays) and the
// reminders about it.
func (a *App) TaskDeleted(ctx context.Context, projectID, taskID string) error {
	reminders, err := a.Store.RemindersAbout(ctx, domain.TargetTask, taskID)
	if err != nil {
		return err
	}
	if err := a.Store.DeleteTask(ctx, projectID, taskID, a.Now().UTC()); err != nil {
		return err
	}
	a.unscheduleAll(ctx, reminders)
	return nil
}

// TaskCompleted moves an after-completion series on when the task of its
// latest occurrence is completed: the next occurrence is due the series'
// interval after the day of completion, and scheduled. Completing any
// other task, an older occurrence, or the same one again (a redelivered
// event, a task reopened and completed again) changes nothing.
func (a *App) TaskCompleted(ctx context.Context, taskID string, completedAt time.Time) error {
	seriesID, dueAt, found, err := a.Store.OccurrenceOfTask(ctx, taskID)
	if err != nil || !found {
		return err
	}
	ts, err := a.Store.TaskSeries(ctx, seriesID)
	if errors.Is(err, domain.ErrTaskSeriesNotFound) {
		return nil // deleted since
	}
	if err != nil {
		return err
	}
	if ts.Series.Mode != domain.ModeAfterCompletion || ts.Status != domain.SeriesActive || ts.NextDue.Before(dueAt) {
		return nil
	}
	if ts.NextDue.Equal(dueAt) {
		version := ts.Version
		ts.NextDue, ts.Version, ts.UpdatedAt = ts.Series.NextAfterCompletion(completedAt), version+1, a.Now().UTC()
		if err := a.Store.SaveTaskSeriesState(ctx, ts, version); err != nil {
			return err
		}
	}
	// Moved on (now or by an earlier delivery that may have stopped
	// before scheduling): the next occurrence is scheduled (again), and
	// the reminders about the series follow.
	if err := a.Scheduler.Schedule(ctx, seriesID, ts.NextDue); err != nil {
		return fmt.Errorf("schedule series %s: %w", seriesID, err)
	}
	return a.rearmAbout(ctx, domain.TargetTaskSeries, seriesID)
}
