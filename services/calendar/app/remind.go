package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// EventSource is the CloudEvent source of the calendar's events.
const EventSource = "/calendar"

// The notices a reminder schedules: the next occurrence's, and a snooze
// of the last one.
const (
	NoticeNext   = "next"
	NoticeSnooze = "snooze"
)

// NoticeScheduler keeps each reminder's notices scheduled (Dapr actor
// reminders); the zero value of App schedules nothing.
type NoticeScheduler interface {
	Schedule(ctx context.Context, reminderID, notice string, at time.Time) error
	Unschedule(ctx context.Context, reminderID, notice string) error
}

type noNotices struct{}

func (noNotices) Schedule(context.Context, string, string, time.Time) error { return nil }
func (noNotices) Unschedule(context.Context, string, string) error          { return nil }

// target is what a reminder is about, as it is now.
type target struct {
	title, projectID, taskID, timezone string
	loc                                *time.Location
	// next is the first occurrence later than t (false: none).
	next func(t time.Time) (time.Time, bool)
	// visible: the reminder's user may still see it.
	visible bool
}

// notice is one occurrence a reminder reminds of.
type notice struct {
	at, fire time.Time
}

// target loads what the reminder is about; found false when it is gone.
func (a *App) target(ctx context.Context, r domain.Reminder) (target, bool, error) {
	switch r.Kind {
	case domain.TargetMeeting:
		m, err := a.Store.Meeting(ctx, r.TargetID)
		if errors.Is(err, domain.ErrMeetingNotFound) {
			return target{}, false, nil
		}
		if err != nil {
			return target{}, false, err
		}
		loc, err := time.LoadLocation(m.Timezone)
		if err != nil {
			loc = time.UTC
		}
		t := target{title: m.Title, projectID: m.ProjectID, timezone: m.Timezone, loc: loc}
		t.next = func(after time.Time) (time.Time, bool) {
			if m.Recurrence == nil {
				return m.Start, m.Start.After(after)
			}
			return m.Recurrence.After(after)
		}
		err = a.canSeeMeeting(ctx, m, r.UserID)
		t.visible = err == nil
		return t, true, ignore(err, domain.ErrMeetingNotFound)
	case domain.TargetTaskSeries:
		ts, err := a.Store.TaskSeries(ctx, r.TargetID)
		if errors.Is(err, domain.ErrTaskSeriesNotFound) {
			return target{}, false, nil
		}
		if err != nil {
			return target{}, false, err
		}
		t := target{title: ts.Title, projectID: ts.ProjectID, timezone: ts.Series.Timezone, loc: ts.Series.Loc, next: ts.Next}
		_, err = a.member(ctx, ts.ProjectID, r.UserID, ErrNotMember)
		t.visible = err == nil
		return t, true, ignore(err, ErrNotMember)
	default:
		task, found, err := a.Store.Task(ctx, r.TargetID)
		if err != nil || !found {
			return target{}, false, err
		}
		t := target{title: task.Title, projectID: task.ProjectID, taskID: task.ID, timezone: task.Timezone, loc: time.UTC}
		if loc, err := time.LoadLocation(task.Timezone); err == nil && task.Timezone != "" {
			t.loc = loc
		} else {
			t.timezone = "UTC"
		}
		t.next = func(after time.Time) (time.Time, bool) {
			if task.DueAt == nil || task.Status == domain.TaskDone {
				return time.Time{}, false
			}
			return *task.DueAt, task.DueAt.After(after)
		}
		_, err = a.member(ctx, task.ProjectID, r.UserID, ErrNotMember)
		t.visible = err == nil
		return t, true, ignore(err, ErrNotMember)
	}
}

func ignore(err, want error) error {
	if errors.Is(err, want) {
		return nil
	}
	return err
}

// nextNotice is the reminder's first occurrence later than after whose
// notice does not come before the reminder was made.
func nextNotice(r domain.Reminder, t target, after time.Time) (notice, bool) {
	for range domain.MaxOccurrences {
		at, ok := t.next(after)
		if !ok {
			return notice{}, false
		}
		if fire := r.At(at, t.loc); !fire.Before(r.CreatedAt) {
			return notice{at: at, fire: fire}, true
		}
		after = at
	}
	return notice{}, false
}

func lastOf(r domain.Reminder) time.Time {
	if r.LastOccurrence != nil {
		return *r.LastOccurrence
	}
	return time.Time{}
}

// rearm schedules the reminder's next notice, or cancels it when there
// is none (the object is gone, over, or out of the user's sight).
func (a *App) rearm(ctx context.Context, r *domain.Reminder) error {
	t, found, err := a.target(ctx, *r)
	if err != nil {
		return err
	}
	n, ok := notice{}, false
	if found && t.visible {
		n, ok = nextNotice(*r, t, lastOf(*r))
	}
	return a.setNext(ctx, r, n, ok)
}

func (a *App) setNext(ctx context.Context, r *domain.Reminder, n notice, ok bool) error {
	if !ok {
		r.NextFire = nil
		if err := a.Store.SetReminderNext(ctx, r.ID, nil); err != nil {
			return err
		}
		return a.Notices.Unschedule(ctx, r.ID, NoticeNext)
	}
	fire := n.fire.UTC()
	r.NextFire = &fire
	if err := a.Store.SetReminderNext(ctx, r.ID, &fire); err != nil {
		return err
	}
	return a.Notices.Schedule(ctx, r.ID, NoticeNext, fire)
}

// FireReminder is a reminder's notice coming. The next notice publishes
// the occurrence it was set for (once however often it is delivered; of
// several overdue occurrences, only the latest) and schedules the next;
// one that comes early (the object moved) is scheduled again. A snooze
// publishes the last occurrence again. A reminder deleted, or whose
// object is gone or out of the user's sight, publishes nothing.
func (a *App) FireReminder(ctx context.Context, id, name string) error {
	r, err := a.Store.Reminder(ctx, id)
	if errors.Is(err, domain.ErrReminderNotFound) {
		return a.Notices.Unschedule(ctx, id, name)
	}
	if err != nil {
		return err
	}
	now := a.Now().UTC()
	t, found, err := a.target(ctx, r)
	if err != nil {
		return err
	}
	if !found || !t.visible {
		return a.setNext(ctx, &r, notice{}, false)
	}
	if name == NoticeSnooze {
		if r.SnoozeUntil == nil || r.LastOccurrence == nil {
			return nil
		}
		if r.SnoozeUntil.After(now.Add(fireEarly)) {
			return a.Notices.Schedule(ctx, id, NoticeSnooze, *r.SnoozeUntil)
		}
		return a.publish(ctx, r, t, *r.LastOccurrence, r.SnoozeSeq)
	}
	n, ok := nextNotice(r, t, lastOf(r))
	if !ok || n.fire.After(now.Add(fireEarly)) {
		return a.setNext(ctx, &r, n, ok)
	}
	for range domain.MaxOccurrences {
		later, ok := nextNotice(r, t, n.at)
		if !ok || later.fire.After(now.Add(fireEarly)) {
			break
		}
		n = later
	}
	if err := a.publish(ctx, r, t, n.at, 0); err != nil {
		return err
	}
	next, ok := nextNotice(r, t, n.at)
	return a.setNext(ctx, &r, next, ok)
}

// publish stores the notice of occurrence at (snooze 0: the first one)
// for publication, once.
func (a *App) publish(ctx context.Context, r domain.Reminder, t target, at time.Time, snooze int) error {
	p := contracts.ReminderDue{ReminderID: r.ID, UserID: r.UserID, Kind: string(r.Kind), TargetID: r.TargetID,
		Title: t.title, At: at.UTC(), Timezone: t.timezone, Snoozed: snooze > 0, OccurredAt: a.Now().UTC()}
	if t.projectID != "" {
		p.ProjectID = &t.projectID
	}
	if t.taskID != "" {
		p.TaskID = &t.taskID
	}
	ev, err := events.New(EventSource, contracts.EventReminderDue, r.ID, p)
	if err != nil {
		return err
	}
	ev.DataSchema = contracts.SchemaURL(contracts.EventReminderDue)
	if _, err := a.Store.DeliverReminder(ctx, r.ID, at, snooze, ev); err != nil {
		return fmt.Errorf("publish reminder %s: %w", r.ID, err)
	}
	return nil
}
