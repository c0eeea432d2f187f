package adapters

import (
	"context"
	"fmt"
	"time"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

type reminderRow struct {
	ID               string
	UserID           string
	TargetKind       string
	TargetID         string
	MinutesBefore    int
	AtTime           *string
	CreatedAt        time.Time
	LastOccurrenceAt *time.Time
	NextFireAt       *time.Time
	SnoozeUntil      *time.Time
	SnoozeSeq        int
}

func (reminderRow) TableName() string { return "reminders" }

func (r reminderRow) domain() domain.Reminder {
	d := domain.Reminder{ID: r.ID, UserID: r.UserID, Kind: domain.TargetKind(r.TargetKind), TargetID: r.TargetID,
		MinutesBefore: r.MinutesBefore, CreatedAt: r.CreatedAt, LastOccurrence: r.LastOccurrenceAt, NextFire: r.NextFireAt,
		SnoozeUntil: r.SnoozeUntil, SnoozeSeq: r.SnoozeSeq}
	if r.AtTime != nil {
		d.AtTime = *r.AtTime
	}
	return d
}

// InsertReminder stores a reminder, or answers domain.ErrReminderExists.
func (s *Store) InsertReminder(ctx context.Context, r domain.Reminder) error {
	row := reminderRow{ID: r.ID, UserID: r.UserID, TargetKind: string(r.Kind), TargetID: r.TargetID,
		MinutesBefore: r.MinutesBefore, CreatedAt: r.CreatedAt}
	if r.AtTime != "" {
		row.AtTime = &r.AtTime
	}
	if err := s.db.WithContext(ctx).Create(&row).Error; err != nil {
		if isUniqueViolation(err) {
			return domain.ErrReminderExists
		}
		return fmt.Errorf("insert reminder: %w", err)
	}
	return nil
}

// Reminders are the user's reminders about one object, earliest first.
func (s *Store) Reminders(ctx context.Context, userID string, kind domain.TargetKind, targetID string) ([]domain.Reminder, error) {
	var rows []reminderRow
	err := s.db.WithContext(ctx).Where("user_id = ? AND target_kind = ? AND target_id = ?", userID, string(kind), targetID).
		Order("minutes_before DESC, at_time, id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("load reminders: %w", err)
	}
	return remindersOf(rows), nil
}

// DeleteReminder removes one of the user's reminders, or answers
// domain.ErrReminderNotFound (also for another user's).
func (s *Store) DeleteReminder(ctx context.Context, userID, id string) error {
	res := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Delete(&reminderRow{})
	if res.Error != nil {
		return fmt.Errorf("delete reminder: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return domain.ErrReminderNotFound
	}
	return nil
}

// UserReminders are all the user's reminders, by object.
func (s *Store) UserReminders(ctx context.Context, userID string) ([]domain.Reminder, error) {
	var rows []reminderRow
	if err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("target_kind, target_id, minutes_before DESC, at_time, id").
		Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load reminders: %w", err)
	}
	return remindersOf(rows), nil
}

func remindersOf(rows []reminderRow) []domain.Reminder {
	out := make([]domain.Reminder, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out
}
