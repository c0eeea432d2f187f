package app

import (
	"context"
	"errors"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apperr"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// ErrNotInvited refuses an answer from someone not invited.
var ErrNotInvited = apperr.Forbidden("not_invited", "only an invited attendee answers a meeting")

// ErrTaskNotFound answers a task the caller may not see, or one the
// calendar has not heard of.
var ErrTaskNotFound = apperr.NotFound("task_not_found", "no such task")

// ReminderInput is a new reminder: minutes before each occurrence, or a
// time of day (AtTime, "HH:MM") on a task's or a recurring task's due
// date in its zone.
type ReminderInput struct {
	Kind          domain.TargetKind
	TargetID      string
	MinutesBefore int
	AtTime        string
}

// CreateReminder adds one of the caller's reminders about a meeting, a
// recurring task or a task they may see, and schedules its first notice.
func (a *App) CreateReminder(ctx context.Context, userID string, in ReminderInput) (domain.Reminder, error) {
	if err := domain.CheckReminder(in.Kind, in.MinutesBefore, in.AtTime); err != nil {
		return domain.Reminder{}, err
	}
	if err := a.canSeeTarget(ctx, userID, in.Kind, in.TargetID); err != nil {
		return domain.Reminder{}, err
	}
	r := domain.Reminder{ID: a.NewID(), UserID: userID, Kind: in.Kind, TargetID: in.TargetID, MinutesBefore: in.MinutesBefore,
		AtTime: in.AtTime, CreatedAt: a.Now().UTC()}
	if err := a.Store.InsertReminder(ctx, r); err != nil {
		return domain.Reminder{}, err
	}
	if err := a.rearm(ctx, &r); err != nil {
		_ = a.Store.DeleteReminder(context.WithoutCancel(ctx), userID, r.ID)
		return domain.Reminder{}, apperr.Wrap(err, apperr.KindUnavailable, "scheduler_unavailable",
			"the reminder cannot be scheduled right now; try again")
	}
	return r, nil
}

// canSeeTarget: the caller may see the meeting, the recurring task or
// the task (one of their projects' that the calendar knows).
func (a *App) canSeeTarget(ctx context.Context, userID string, kind domain.TargetKind, targetID string) error {
	switch kind {
	case domain.TargetMeeting:
		_, err := a.Meeting(ctx, userID, targetID)
		return err
	case domain.TargetTaskSeries:
		_, err := a.TaskSeries(ctx, userID, targetID)
		return err
	default:
		t, found, err := a.Store.Task(ctx, targetID)
		if err != nil {
			return err
		}
		if !found {
			return ErrTaskNotFound
		}
		_, err = a.member(ctx, t.ProjectID, userID, ErrTaskNotFound)
		return err
	}
}

// Reminders lists the caller's reminders.
func (a *App) Reminders(ctx context.Context, userID string) ([]domain.Reminder, error) {
	return a.Store.UserReminders(ctx, userID)
}

// RemindersOf lists the caller's reminders about one object they may see.
func (a *App) RemindersOf(ctx context.Context, userID string, kind domain.TargetKind, targetID string) ([]domain.Reminder, error) {
	if err := a.canSeeTarget(ctx, userID, kind, targetID); err != nil {
		return nil, err
	}
	return a.Store.Reminders(ctx, userID, kind, targetID)
}

// DeleteReminder removes one of the caller's reminders and its schedule.
func (a *App) DeleteReminder(ctx context.Context, userID, id string) error {
	if err := a.Store.DeleteReminder(ctx, userID, id); err != nil {
		return err
	}
	a.unscheduleAll(ctx, []domain.Reminder{{ID: id}})
	return nil
}

// Snooze brings the last notice of one of the caller's reminders again
// in minutes (1 to 1440).
func (a *App) Snooze(ctx context.Context, userID, id string, minutes int) (domain.Reminder, error) {
	if err := domain.CheckSnooze(minutes); err != nil {
		return domain.Reminder{}, err
	}
	until := a.Now().UTC().Add(time.Duration(minutes) * time.Minute).Truncate(time.Second)
	r, err := a.Store.SnoozeReminder(ctx, userID, id, until)
	if err != nil {
		return domain.Reminder{}, err
	}
	if err := a.Notices.Schedule(ctx, id, NoticeSnooze, until); err != nil {
		return domain.Reminder{}, apperr.Wrap(err, apperr.KindUnavailable, "scheduler_unavailable",
			"the reminder cannot be snoozed right now; try again")
	}
	return r, nil
}

// rearmAbout schedules again the reminders about an object that changed
// (a task's due date, a meeting's time, a series' dates).
func (a *App) rearmAbout(ctx context.Context, kind domain.TargetKind, targetID string) error {
	list, err := a.Store.RemindersAbout(ctx, kind, targetID)
	if err != nil {
		return err
	}
	var errs []error
	for i := range list {
		errs = append(errs, a.rearm(ctx, &list[i]))
	}
	return errors.Join(errs...)
}

// unscheduleAll cancels the notices of reminders deleted with their
// object. Best effort: a notice left behind finds its reminder gone when
// it comes, and cancels itself.
func (a *App) unscheduleAll(ctx context.Context, reminders []domain.Reminder) {
	for _, r := range reminders {
		_ = a.Notices.Unschedule(ctx, r.ID, NoticeNext)
		_ = a.Notices.Unschedule(ctx, r.ID, NoticeSnooze)
	}
}
