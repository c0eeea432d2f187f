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
