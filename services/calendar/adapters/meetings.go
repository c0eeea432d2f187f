package adapters

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// UpdateMeeting replaces a meeting's details and attendees if its
// version is still version (else domain.ErrMeetingChanged); attendees
// kept keep their answers. The stored version becomes m.Version.
func (s *Store) UpdateMeeting(ctx context.Context, m domain.Meeting, version int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row := meetingRowOf(m)
		res := tx.Model(&meetingRow{}).Where("id = ? AND version = ?", m.ID, version).Select(
			"project_id", "title", "description", "location", "link", "start_at", "end_at", "start_local",
			"timezone", "rrule", "last_end_at", "version", "updated_at").Updates(&row)
		if res.Error != nil {
			return fmt.Errorf("update meeting: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return domain.ErrMeetingChanged
		}
		keep := make([]string, 0, len(m.Attendees))
		for _, a := range m.Attendees {
			keep = append(keep, a.UserID)
			ar := attendeeRow{MeetingID: m.ID, UserID: a.UserID, Response: string(a.Response), RespondedAt: a.RespondedAt}
			if err := tx.Where("meeting_id = ? AND user_id = ?", m.ID, a.UserID).FirstOrCreate(&ar).Error; err != nil {
				return fmt.Errorf("keep attendee: %w", err)
			}
		}
		q := tx.Where("meeting_id = ?", m.ID)
		if len(keep) > 0 {
			q = q.Where("user_id NOT IN ?", keep)
		}
		if err := q.Delete(&attendeeRow{}).Error; err != nil {
			return fmt.Errorf("remove attendees: %w", err)
		}
		return nil
	})
}

// DeleteMeeting removes a meeting, its attendees and the reminders about
// it, or answers domain.ErrMeetingNotFound.
func (s *Store) DeleteMeeting(ctx context.Context, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Where("id = ?", id).Delete(&meetingRow{})
		if res.Error != nil {
			return fmt.Errorf("delete meeting: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return domain.ErrMeetingNotFound
		}
		if err := tx.Where("target_kind = ? AND target_id = ?", string(domain.TargetMeeting), id).Delete(&reminderRow{}).Error; err != nil {
			return fmt.Errorf("delete meeting reminders: %w", err)
		}
		return nil
	})
}
