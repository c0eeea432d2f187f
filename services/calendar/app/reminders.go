package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/platform/apperr"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// ErrNotInvited refuses an answer from someone not invited.
var ErrNotInvited = apperr.Forbidden("not_invited", "only an invited attendee answers a meeting")

// ErrTaskRemindersUnsupported: reminders about single tasks are not served yet.
var ErrTaskRemindersUnsupported = apperr.Invalid("invalid_reminder",
	"reminders are about a meeting or a recurring task (reminders about single tasks are not available yet)")

// CreateReminder adds one of the caller's reminders about a meeting or a
// recurring task they may see.
func (a *App) CreateReminder(ctx context.Context, userID string, kind domain.TargetKind, targetID string, minutesBefore int) (domain.Reminder, error) {
	if err := domain.CheckReminder(kind, minutesBefore); err != nil {
		return domain.Reminder{}, err
	}
	switch kind {
	case domain.TargetMeeting:
		if _, err := a.Meeting(ctx, userID, targetID); err != nil {
			return domain.Reminder{}, err
		}
	case domain.TargetTaskSeries:
		if _, err := a.TaskSeries(ctx, userID, targetID); err != nil {
			return domain.Reminder{}, err
		}
	default:
		return domain.Reminder{}, ErrTaskRemindersUnsupported
	}
	r := domain.Reminder{ID: a.NewID(), UserID: userID, Kind: kind, TargetID: targetID, MinutesBefore: minutesBefore,
		CreatedAt: a.Now().UTC()}
	if err := a.Store.InsertReminder(ctx, r); err != nil {
		return domain.Reminder{}, err
	}
	return r, nil
}

// Reminders lists the caller's reminders.
func (a *App) Reminders(ctx context.Context, userID string) ([]domain.Reminder, error) {
	return a.Store.UserReminders(ctx, userID)
}

// DeleteReminder removes one of the caller's reminders.
func (a *App) DeleteReminder(ctx context.Context, userID, id string) error {
	return a.Store.DeleteReminder(ctx, userID, id)
}
