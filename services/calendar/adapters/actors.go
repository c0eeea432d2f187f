package adapters

import (
	"context"
	"fmt"
	"time"

	dapr "github.com/dapr/go-sdk/client"

	"github.com/taskrocket/taskrocket/services/platform/daprx"

	"github.com/taskrocket/taskrocket/services/calendar/app"
)

// ActorType is the Dapr actor type of a recurring task: one actor per
// series (its id), whose durable reminder fires at the next occurrence.
const ActorType = "TaskSeries"

// ReminderName is the one reminder each series actor holds.
const ReminderName = "next"

// Scheduler keeps each series' next occurrence as a Dapr actor reminder
// (kept by the scheduler service: it survives a restart of the app and
// its sidecar).
type Scheduler struct {
	sidecar *daprx.Sidecar
	now     func() time.Time
}

// NewScheduler returns the app.Scheduler of the sidecar.
func NewScheduler(sidecar *daprx.Sidecar) *Scheduler {
	return &Scheduler{sidecar: sidecar, now: time.Now}
}

var _ app.Scheduler = (*Scheduler)(nil)

// Schedule implements app.Scheduler: the reminder replaces the series'
// previous one (same name).
func (s *Scheduler) Schedule(ctx context.Context, seriesID string, at time.Time) error {
	c, err := s.sidecar.Client(ctx)
	if err != nil {
		return err
	}
	due := max(at.Sub(s.now()), 0).Round(time.Millisecond)
	return c.RegisterActorReminder(ctx, &dapr.RegisterActorReminderRequest{
		ActorType: ActorType, ActorID: seriesID, Name: ReminderName, DueTime: due.String(),
	})
}

// Unschedule implements app.Scheduler. A series with no reminder is
// left as it is.
func (s *Scheduler) Unschedule(ctx context.Context, seriesID string) error {
	c, err := s.sidecar.Client(ctx)
	if err != nil {
		return err
	}
	if err := c.UnregisterActorReminder(ctx, &dapr.UnregisterActorReminderRequest{
		ActorType: ActorType, ActorID: seriesID, Name: ReminderName,
	}); err != nil {
		return fmt.Errorf("unschedule series %s: %w", seriesID, err)
	}
	return nil
}

// ReminderActorType is the Dapr actor type of a user's reminder: one
// actor per reminder (its id), whose durable reminders "next" and
// "snooze" fire at its next notice and at the end of a snooze.
const ReminderActorType = "Reminder"

// Notices keeps reminders' notices as Dapr actor reminders (app.NoticeScheduler).
type Notices struct {
	sidecar *daprx.Sidecar
	now     func() time.Time
}

// NewNotices returns the app.NoticeScheduler of the sidecar.
func NewNotices(sidecar *daprx.Sidecar) *Notices { return &Notices{sidecar: sidecar, now: time.Now} }

var _ app.NoticeScheduler = (*Notices)(nil)

// Schedule implements app.NoticeScheduler (replacing the notice's
// previous schedule).
func (n *Notices) Schedule(ctx context.Context, reminderID, notice string, at time.Time) error {
	c, err := n.sidecar.Client(ctx)
	if err != nil {
		return err
	}
	due := max(at.Sub(n.now()), 0).Round(time.Millisecond)
	return c.RegisterActorReminder(ctx, &dapr.RegisterActorReminderRequest{
		ActorType: ReminderActorType, ActorID: reminderID, Name: notice, DueTime: due.String(),
	})
}

// Unschedule implements app.NoticeScheduler.
func (n *Notices) Unschedule(ctx context.Context, reminderID, notice string) error {
	c, err := n.sidecar.Client(ctx)
	if err != nil {
		return err
	}
	if err := c.UnregisterActorReminder(ctx, &dapr.UnregisterActorReminderRequest{
		ActorType: ReminderActorType, ActorID: reminderID, Name: notice,
	}); err != nil {
		return fmt.Errorf("unschedule reminder %s %s: %w", reminderID, notice, err)
	}
	return nil
}
