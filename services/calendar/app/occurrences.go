package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// Occurrence is one task a series creates in the tasks service: a copy of
// the series' task (or a new task titled as the series) due at DueAt.
// Key is the same for every delivery of one occurrence, so the tasks
// service creates it once.
type Occurrence struct {
	Key       string
	SeriesID  string
	ProjectID string
	TaskID    string // the task copied; "" for a new task
	Title     string
	CreatedBy string
	DueAt     time.Time
	Timezone  string
}

// OccurrenceKey is the idempotency key of a series' occurrence.
func OccurrenceKey(seriesID string, dueAt time.Time) string {
	return seriesID + "@" + dueAt.UTC().Format("20060102T150405Z")
}

// fireEarly is how early a schedule may come and still create the
// occurrence it was set for.
const fireEarly = time.Second

// Fire is the series' schedule coming: the occurrence it was set for (the
// series' next due date) is created, once however often the schedule is
// delivered, and the next one scheduled. A schedule that comes before the
// next due date (an older one) only schedules it again; a series paused,
// stopped or deleted creates nothing and is unscheduled.
func (a *App) Fire(ctx context.Context, seriesID string) error {
	ts, err := a.Store.TaskSeries(ctx, seriesID)
	if errors.Is(err, domain.ErrTaskSeriesNotFound) {
		return a.Scheduler.Unschedule(ctx, seriesID)
	}
	if err != nil {
		return err
	}
	if ts.Status != domain.SeriesActive {
		return a.Scheduler.Unschedule(ctx, seriesID)
	}
	dueAt := ts.NextDue
	if dueAt.After(a.Now().Add(fireEarly)) {
		return a.Scheduler.Schedule(ctx, seriesID, dueAt)
	}
	if due, ok := ts.Next(dueAt.Add(-time.Nanosecond)); ok && due.Equal(dueAt) {
		if err := a.createOccurrence(ctx, ts, dueAt); err != nil {
			return err
		}
	}
	next, ok := ts.Next(dueAt)
	if !ok {
		return a.Scheduler.Unschedule(ctx, seriesID)
	}
	version := ts.Version
	ts.NextDue, ts.Version, ts.UpdatedAt = next, version+1, a.Now().UTC()
	if err := a.Store.SaveTaskSeriesState(ctx, ts, version); err != nil {
		return err
	}
	return a.Scheduler.Schedule(ctx, seriesID, next)
}

func (a *App) createOccurrence(ctx context.Context, ts domain.TaskSeries, dueAt time.Time) error {
	done, err := a.Store.ClaimOccurrence(ctx, ts.ID, dueAt, a.Now().UTC())
	if err != nil || done != "" {
		return err
	}
	taskID, err := a.Tasks.CreateOccurrence(ctx, Occurrence{
		Key: OccurrenceKey(ts.ID, dueAt), SeriesID: ts.ID, ProjectID: ts.ProjectID, TaskID: ts.TaskID,
		Title: ts.Title, CreatedBy: ts.CreatedBy, DueAt: dueAt, Timezone: ts.Series.Timezone,
	})
	if err != nil {
		return fmt.Errorf("create occurrence of series %s at %s: %w", ts.ID, dueAt, err)
	}
	return a.Store.OccurrenceCreated(ctx, ts.ID, dueAt, taskID)
}
