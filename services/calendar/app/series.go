package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apperr"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// CreateTaskSeries creates a recurring task in a project the caller may
// write to, and schedules its first occurrence.
func (a *App) CreateTaskSeries(ctx context.Context, userID string, in domain.TaskSeriesInput) (domain.TaskSeries, error) {
	ts, err := domain.NewTaskSeries(in)
	if err != nil {
		return domain.TaskSeries{}, err
	}
	if err := a.writer(ctx, ts.ProjectID, userID, ErrProjectNotFound); err != nil {
		return domain.TaskSeries{}, err
	}
	now := a.Now().UTC()
	ts.ID, ts.CreatedBy, ts.Version, ts.CreatedAt, ts.UpdatedAt = a.NewID(), userID, 1, now, now
	if next, ok := ts.Next(now.Add(-time.Nanosecond)); ok {
		ts.NextDue = next
	}
	if err := a.Store.InsertTaskSeries(ctx, ts); err != nil {
		return domain.TaskSeries{}, err
	}
	if err := a.schedule(ctx, ts); err != nil {
		// A series that cannot be scheduled would never create a task:
		// it is not kept.
		if delErr := a.Store.DeleteTaskSeries(context.WithoutCancel(ctx), ts.ID); delErr != nil {
			return domain.TaskSeries{}, errors.Join(err, delErr)
		}
		return domain.TaskSeries{}, apperr.Wrap(err, apperr.KindUnavailable, "scheduler_unavailable",
			"the recurring task cannot be scheduled right now; try again")
	}
	return ts, nil
}

// TaskSeries returns a recurring task of a project the caller is in.
func (a *App) TaskSeries(ctx context.Context, userID, id string) (domain.TaskSeries, error) {
	ts, err := a.Store.TaskSeries(ctx, id)
	if err != nil {
		return domain.TaskSeries{}, err
	}
	if _, err := a.member(ctx, ts.ProjectID, userID, domain.ErrTaskSeriesNotFound); err != nil {
		return domain.TaskSeries{}, err
	}
	return ts, nil
}

// ProjectTaskSeries lists a project's recurring tasks.
func (a *App) ProjectTaskSeries(ctx context.Context, userID, projectID string) ([]domain.TaskSeries, error) {
	if _, err := a.member(ctx, projectID, userID, ErrProjectNotFound); err != nil {
		return nil, err
	}
	return a.Store.ProjectTaskSeries(ctx, projectID)
}

// SeriesChange is a change to a recurring task: a new title, a status,
// or an occurrence to skip (nil/"" for none).
type SeriesChange struct {
	Title  *string
	Status domain.SeriesStatus
	Skip   *time.Time
}

// ChangeTaskSeries renames, pauses, resumes, stops a recurring task or
// skips one occurrence, then schedules its next occurrence (or cancels
// the schedule of a series paused or stopped).
func (a *App) ChangeTaskSeries(ctx context.Context, userID, id string, ch SeriesChange) (domain.TaskSeries, error) {
	ts, err := a.TaskSeries(ctx, userID, id)
	if err != nil {
		return domain.TaskSeries{}, err
	}
	if err := a.writer(ctx, ts.ProjectID, userID, domain.ErrTaskSeriesNotFound); err != nil {
		return domain.TaskSeries{}, err
	}
	version := ts.Version
	if ch.Title != nil {
		changed, err := domain.NewTaskSeries(domain.TaskSeriesInput{ProjectID: ts.ProjectID, Title: *ch.Title, Spec: ts.Series.Spec()})
		if err != nil {
			return domain.TaskSeries{}, err
		}
		ts.Title = changed.Title
	}
	if ch.Status != "" {
		if err := ts.SetStatus(ch.Status); err != nil {
			return domain.TaskSeries{}, err
		}
	}
	if ch.Skip != nil {
		if err := ts.Skip(*ch.Skip); err != nil {
			return domain.TaskSeries{}, err
		}
	}
	now := a.Now().UTC()
	if ts.Series.Mode == domain.ModeFixed {
		if next, ok := ts.Next(now.Add(-time.Nanosecond)); ok {
			ts.NextDue = next
		}
	}
	ts.Version, ts.UpdatedAt = version+1, now
	if err := a.Store.SaveTaskSeriesState(ctx, ts, version); err != nil {
		return domain.TaskSeries{}, err
	}
	_ = a.rearmAbout(ctx, domain.TargetTaskSeries, ts.ID) // best effort, as for meetings
	return ts, a.schedule(ctx, ts)
}

// DeleteTaskSeries deletes a recurring task and its schedule.
func (a *App) DeleteTaskSeries(ctx context.Context, userID, id string) error {
	ts, err := a.TaskSeries(ctx, userID, id)
	if err != nil {
		return err
	}
	if err := a.writer(ctx, ts.ProjectID, userID, domain.ErrTaskSeriesNotFound); err != nil {
		return err
	}
	if err := a.Scheduler.Unschedule(ctx, id); err != nil {
		return fmt.Errorf("unschedule series %s: %w", id, err)
	}
	reminders, err := a.Store.RemindersAbout(ctx, domain.TargetTaskSeries, id)
	if err != nil {
		return err
	}
	if err := a.Store.DeleteTaskSeries(ctx, id); err != nil {
		return err
	}
	a.unscheduleAll(ctx, reminders)
	return nil
}

// schedule keeps the series' next occurrence scheduled, or nothing when
// it is paused, stopped or ended.
func (a *App) schedule(ctx context.Context, ts domain.TaskSeries) error {
	next, ok := ts.Next(a.Now().Add(-time.Nanosecond))
	if !ok {
		if err := a.Scheduler.Unschedule(ctx, ts.ID); err != nil {
			return fmt.Errorf("unschedule series %s: %w", ts.ID, err)
		}
		return nil
	}
	if err := a.Scheduler.Schedule(ctx, ts.ID, next); err != nil {
		return fmt.Errorf("schedule series %s: %w", ts.ID, err)
	}
	return nil
}
