package adapters

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/outbox"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// Reminder returns a reminder, or domain.ErrReminderNotFound.
func (s *Store) Reminder(ctx context.Context, id string) (domain.Reminder, error) {
	var rows []reminderRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return domain.Reminder{}, fmt.Errorf("load reminder: %w", err)
	}
	if len(rows) == 0 {
		return domain.Reminder{}, domain.ErrReminderNotFound
	}
	return rows[0].domain(), nil
}

// RemindersAbout are every user's reminders about one object.
func (s *Store) RemindersAbout(ctx context.Context, kind domain.TargetKind, targetID string) ([]domain.Reminder, error) {
	var rows []reminderRow
	if err := s.db.WithContext(ctx).Where("target_kind = ? AND target_id = ?", string(kind), targetID).Order("id").
		Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load reminders: %w", err)
	}
	return remindersOf(rows), nil
}

// SetReminderNext records when the reminder's next notice is scheduled
// (nil: none).
func (s *Store) SetReminderNext(ctx context.Context, id string, next *time.Time) error {
	if err := s.db.WithContext(ctx).Model(&reminderRow{}).Where("id = ?", id).Update("next_fire_at", next).Error; err != nil {
		return fmt.Errorf("save reminder schedule: %w", err)
	}
	return nil
}

// DeliverReminder publishes (through the outbox) the notice of the
// reminder's occurrence (snoozeSeq 0) or of a snooze of it, once per
// (occurrence, snoozeSeq): it reports false, publishing nothing, when it
// was published already. The occurrence becomes the last one reminded of;
// a snooze's notice clears the snooze.
func (s *Store) DeliverReminder(ctx context.Context, id string, occurrence time.Time, snoozeSeq int, ev events.Event) (bool, error) {
	delivered := false
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Exec(`INSERT INTO reminder_deliveries (reminder_id, occurrence_at, snooze_seq, event_id, delivered_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, id, occurrence, snoozeSeq, ev.ID, ev.Time)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return nil
		}
		delivered = true
		update := map[string]any{"last_occurrence_at": gorm.Expr("GREATEST(last_occurrence_at, ?)", occurrence)}
		if snoozeSeq > 0 {
			update = map[string]any{"snooze_until": nil}
		}
		if err := tx.Model(&reminderRow{}).Where("id = ?", id).Updates(update).Error; err != nil {
			return err
		}
		return outbox.Append(ctx, tx, contracts.PubSub, contracts.TopicCalendar, ev)
	})
	if err != nil {
		return false, fmt.Errorf("deliver reminder %s: %w", id, err)
	}
	return delivered, nil
}

// SnoozeReminder snoozes the last notice of one of the user's reminders
// until until: its snooze number grows by one. domain.ErrReminderNotFound
// for another user's; domain.ErrNothingToSnooze before a first notice.
func (s *Store) SnoozeReminder(ctx context.Context, userID, id string, until time.Time) (domain.Reminder, error) {
	r, err := s.Reminder(ctx, id)
	if err != nil {
		return domain.Reminder{}, err
	}
	if r.UserID != userID {
		return domain.Reminder{}, domain.ErrReminderNotFound
	}
	if r.LastOccurrence == nil {
		return domain.Reminder{}, domain.ErrNothingToSnooze
	}
	res := s.db.WithContext(ctx).Model(&reminderRow{}).Where("id = ? AND user_id = ?", id, userID).
		Updates(map[string]any{"snooze_until": until, "snooze_seq": gorm.Expr("snooze_seq + 1")})
	if res.Error != nil {
		return domain.Reminder{}, fmt.Errorf("snooze reminder: %w", res.Error)
	}
	return s.Reminder(ctx, id)
}
