package adapters

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// ForgetProject removes what a deleted project leaves here: its recurring
// tasks (with their occurrences and skips), every reminder about them or
// its tasks, its meetings' link to it, and its tasks. It returns the ids
// of the recurring tasks removed (their schedules are to be cancelled).
func (s *Store) ForgetProject(ctx context.Context, projectID string) ([]string, error) {
	var series []string
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Raw(`SELECT id FROM task_series WHERE project_id = ? ORDER BY id`, projectID).Scan(&series).Error; err != nil {
			return err
		}
		steps := []string{
			`DELETE FROM reminders WHERE target_kind = 'task_series' AND target_id IN (SELECT id FROM task_series WHERE project_id = ?)`,
			`DELETE FROM reminders WHERE target_kind = 'task' AND target_id IN (SELECT task_id FROM tasks_view WHERE project_id = ?)`,
			`DELETE FROM task_series WHERE project_id = ?`,
			`UPDATE meetings SET project_id = NULL WHERE project_id = ?`,
			`DELETE FROM tasks_view WHERE project_id = ?`,
		}
		for _, q := range steps {
			if err := tx.Exec(q, projectID).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("forget project %s: %w", projectID, err)
	}
	return series, nil
}

// ForgetMember removes a user's reminders about a project's items once
// they left it: its recurring tasks, its tasks, and its meetings they are
// not invited to (an attendee keeps theirs).
func (s *Store) ForgetMember(ctx context.Context, projectID, userID string) error {
	err := s.db.WithContext(ctx).Exec(`
		DELETE FROM reminders r WHERE r.user_id = ? AND (
			r.target_kind = 'task_series' AND r.target_id IN (SELECT id FROM task_series WHERE project_id = ?)
			OR r.target_kind = 'task' AND r.target_id IN (SELECT task_id FROM tasks_view WHERE project_id = ?)
			OR r.target_kind = 'meeting' AND r.target_id IN (
				SELECT m.id FROM meetings m WHERE m.project_id = ? AND m.organizer_id <> r.user_id
				AND NOT EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.meeting_id = m.id AND a.user_id = r.user_id)))`,
		userID, projectID, projectID, projectID).Error
	if err != nil {
		return fmt.Errorf("forget member %s of project %s: %w", userID, projectID, err)
	}
	return nil
}
