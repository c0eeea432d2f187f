package adapters

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// Store is the calendar's Postgres store.
type Store struct {
	db *gorm.DB
}

// NewStore returns the store.
func NewStore(db *gorm.DB) *Store { return &Store{db: db} }

// InsertTaskSeries stores a new recurring task.
func (s *Store) InsertTaskSeries(ctx context.Context, ts domain.TaskSeries) error {
	row := taskSeriesRowOf(ts)
	if err := s.db.WithContext(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("insert task series: %w", err)
	}
	return nil
}

// TaskSeries returns a recurring task, or domain.ErrTaskSeriesNotFound.
func (s *Store) TaskSeries(ctx context.Context, id string) (domain.TaskSeries, error) {
	var rows []taskSeriesRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return domain.TaskSeries{}, fmt.Errorf("load task series: %w", err)
	}
	if len(rows) == 0 {
		return domain.TaskSeries{}, domain.ErrTaskSeriesNotFound
	}
	out, err := s.taskSeriesOf(ctx, rows)
	if err != nil {
		return domain.TaskSeries{}, err
	}
	return out[0], nil
}

// TaskSeriesOverlapping returns the recurring tasks of the projects that
// may have a due date in [from, to): begun before to and not ended
// before from (an after-completion series: its next due date inside).
func (s *Store) TaskSeriesOverlapping(ctx context.Context, projectIDs []string, from, to time.Time) ([]domain.TaskSeries, error) {
	if len(projectIDs) == 0 {
		return nil, nil
	}
	var rows []taskSeriesRow
	err := s.db.WithContext(ctx).
		Where("project_id IN ? AND first_at < ?", projectIDs, to).
		Where("(mode = 'fixed' AND (last_at IS NULL OR last_at >= ?)) OR (mode = 'after_completion' AND next_due_at >= ? AND next_due_at < ?)", from, from, to).
		Order("first_at, id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("task series in range: %w", err)
	}
	return s.taskSeriesOf(ctx, rows)
}

// InsertMeeting stores a new meeting with its attendees.
func (s *Store) InsertMeeting(ctx context.Context, m domain.Meeting) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row := meetingRowOf(m)
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("insert meeting: %w", err)
		}
		if len(m.Attendees) == 0 {
			return nil
		}
		rows := make([]attendeeRow, len(m.Attendees))
		for i, a := range m.Attendees {
			rows[i] = attendeeRow{MeetingID: m.ID, UserID: a.UserID, Response: string(a.Response), RespondedAt: a.RespondedAt}
		}
		if err := tx.Create(&rows).Error; err != nil {
			return fmt.Errorf("insert attendees: %w", err)
		}
		return nil
	})
}

// Meeting returns a meeting with its attendees, or domain.ErrMeetingNotFound.
func (s *Store) Meeting(ctx context.Context, id string) (domain.Meeting, error) {
	ms, err := s.meetings(ctx, s.db.WithContext(ctx).Where("id = ?", id))
	if err != nil {
		return domain.Meeting{}, err
	}
	if len(ms) == 0 {
		return domain.Meeting{}, domain.ErrMeetingNotFound
	}
	return ms[0], nil
}

// MeetingsOverlapping returns the meetings the user organises or is
// invited to that may have an occurrence overlapping [from, to).
func (s *Store) MeetingsOverlapping(ctx context.Context, userID string, from, to time.Time) ([]domain.Meeting, error) {
	q := s.db.WithContext(ctx).
		Where("(organizer_id = ? OR id IN (SELECT meeting_id FROM meeting_attendees WHERE user_id = ?))", userID, userID).
		Where("start_at < ? AND (last_end_at IS NULL OR last_end_at > ?)", to, from)
	return s.meetings(ctx, q)
}

func (s *Store) meetings(ctx context.Context, q *gorm.DB) ([]domain.Meeting, error) {
	var rows []meetingRow
	if err := q.Order("start_at, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load meetings: %w", err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var attendees []attendeeRow
	if err := s.db.WithContext(ctx).Where("meeting_id IN ?", ids).Order("meeting_id, user_id").Find(&attendees).Error; err != nil {
		return nil, fmt.Errorf("load attendees: %w", err)
	}
	byMeeting := map[string][]attendeeRow{}
	for _, a := range attendees {
		byMeeting[a.MeetingID] = append(byMeeting[a.MeetingID], a)
	}
	out := make([]domain.Meeting, 0, len(rows))
	for _, r := range rows {
		m, err := r.domain(byMeeting[r.ID])
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// SetResponse records an attendee's answer, or domain.ErrMeetingNotFound
// when the user is not invited to the meeting.
func (s *Store) SetResponse(ctx context.Context, meetingID, userID string, r domain.Response, at time.Time) error {
	res := s.db.WithContext(ctx).Model(&attendeeRow{}).
		Where("meeting_id = ? AND user_id = ?", meetingID, userID).
		Updates(map[string]any{"response": string(r), "responded_at": at})
	if res.Error != nil {
		return fmt.Errorf("set response: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return domain.ErrMeetingNotFound
	}
	return nil
}

func isUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "23505"
}
