package adapters

import (
	"fmt"
	"time"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// taskSeriesRow is a row of task_series.
type taskSeriesRow struct {
	ID         string
	ProjectID  string
	TaskID     *string
	Status     string
	CreatedBy  string
	Title      string
	StartLocal string
	Timezone   string
	Mode       string
	RRule      *string `gorm:"column:rrule"`
	EveryN     *int
	Unit       *string
	FirstAt    time.Time
	LastAt     *time.Time
	NextDueAt  time.Time
	Version    int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

func (taskSeriesRow) TableName() string { return "task_series" }

func taskSeriesRowOf(ts domain.TaskSeries) taskSeriesRow {
	spec := ts.Series.Spec()
	r := taskSeriesRow{ID: ts.ID, ProjectID: ts.ProjectID, CreatedBy: ts.CreatedBy, Title: ts.Title,
		StartLocal: spec.Start, Timezone: spec.Timezone, Mode: string(spec.Mode), FirstAt: ts.Series.First(),
		NextDueAt: ts.NextDue, Version: ts.Version, CreatedAt: ts.CreatedAt, UpdatedAt: ts.UpdatedAt, Status: string(ts.Status)}
	if r.Status == "" {
		r.Status = string(domain.SeriesActive)
	}
	if ts.TaskID != "" {
		r.TaskID = &ts.TaskID
	}
	if spec.Mode == domain.ModeFixed {
		r.RRule = &spec.RRule
	} else {
		unit := string(spec.Unit)
		r.EveryN, r.Unit = &spec.Every, &unit
	}
	if last, ok := ts.Series.Last(); ok {
		r.LastAt = &last
	}
	return r
}

func (r taskSeriesRow) domain() (domain.TaskSeries, error) {
	spec := domain.SeriesSpec{Start: r.StartLocal, Timezone: r.Timezone, Mode: domain.Mode(r.Mode)}
	if r.RRule != nil {
		spec.RRule = *r.RRule
	}
	if r.EveryN != nil && r.Unit != nil {
		spec.Every, spec.Unit = *r.EveryN, domain.Unit(*r.Unit)
	}
	s, err := domain.RestoreSeries(spec)
	if err != nil {
		return domain.TaskSeries{}, fmt.Errorf("task series %s: stored recurrence: %w", r.ID, err)
	}
	ts := domain.TaskSeries{ID: r.ID, ProjectID: r.ProjectID, CreatedBy: r.CreatedBy, Title: r.Title, Series: s,
		NextDue: r.NextDueAt, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Status: domain.SeriesStatus(r.Status)}
	if r.TaskID != nil {
		ts.TaskID = *r.TaskID
	}
	return ts, nil
}

// meetingRow is a row of meetings.
type meetingRow struct {
	ID          string
	ProjectID   *string
	OrganizerID string
	Title       string
	Description string
	Location    string
	Link        string
	StartAt     time.Time
	EndAt       time.Time
	StartLocal  string
	Timezone    string
	RRule       *string `gorm:"column:rrule"`
	LastEndAt   *time.Time
	Version     int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (meetingRow) TableName() string { return "meetings" }

type attendeeRow struct {
	MeetingID   string
	UserID      string
	Response    string
	RespondedAt *time.Time
}

func (attendeeRow) TableName() string { return "meeting_attendees" }

func meetingRowOf(m domain.Meeting) meetingRow {
	loc, _ := time.LoadLocation(m.Timezone)
	r := meetingRow{ID: m.ID, OrganizerID: m.OrganizerID, Title: m.Title, Description: m.Description,
		Location: m.Location, Link: m.Link, StartAt: m.Start, EndAt: m.End, StartLocal: domain.CivilOf(m.Start.In(loc)).String(),
		Timezone: m.Timezone, Version: m.Version, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt}
	if m.ProjectID != "" {
		r.ProjectID = &m.ProjectID
	}
	if m.Recurrence != nil {
		spec := m.Recurrence.Spec()
		r.StartLocal, r.RRule = spec.Start, &spec.RRule
	}
	if end, ok := m.LastEnd(); ok {
		r.LastEndAt = &end
	}
	return r
}

func (r meetingRow) domain(attendees []attendeeRow) (domain.Meeting, error) {
	m := domain.Meeting{ID: r.ID, OrganizerID: r.OrganizerID, Title: r.Title, Description: r.Description,
		Location: r.Location, Link: r.Link, Start: r.StartAt, End: r.EndAt, Timezone: r.Timezone,
		Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Attendees: []domain.Attendee{}}
	if r.ProjectID != nil {
		m.ProjectID = *r.ProjectID
	}
	if r.RRule != nil {
		s, err := domain.RestoreSeries(domain.SeriesSpec{Start: r.StartLocal, Timezone: r.Timezone, RRule: *r.RRule})
		if err != nil {
			return domain.Meeting{}, fmt.Errorf("meeting %s: stored recurrence: %w", r.ID, err)
		}
		m.Recurrence = &s
	}
	for _, a := range attendees {
		m.Attendees = append(m.Attendees, domain.Attendee{UserID: a.UserID, Response: domain.Response(a.Response), RespondedAt: a.RespondedAt})
	}
	return m, nil
}
