package ports

import (
	"time"

	"github.com/taskrocket/taskrocket/services/calendar/app"
	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

type meetingRequest struct {
	ProjectID   string   `json:"projectId"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Location    string   `json:"location"`
	Link        string   `json:"link"`
	Start       string   `json:"start"`
	End         string   `json:"end"`
	Timezone    string   `json:"timezone"`
	RRule       string   `json:"rrule"`
	AttendeeIDs []string `json:"attendeeIds"`
}

func (r meetingRequest) input() domain.MeetingInput {
	return domain.MeetingInput{ProjectID: r.ProjectID, Title: r.Title, Description: r.Description, Location: r.Location,
		Link: r.Link, Start: r.Start, End: r.End, Timezone: r.Timezone, RRule: r.RRule, AttendeeIDs: r.AttendeeIDs}
}

type attendeeDTO struct {
	UserID      string     `json:"userId"`
	Response    string     `json:"response"`
	RespondedAt *time.Time `json:"respondedAt,omitempty"`
}

type meetingDTO struct {
	ID          string        `json:"id"`
	ProjectID   *string       `json:"projectId"`
	OrganizerID string        `json:"organizerId"`
	Title       string        `json:"title"`
	Description string        `json:"description"`
	Location    string        `json:"location"`
	Link        string        `json:"link"`
	Start       string        `json:"start"`
	End         string        `json:"end"`
	StartAt     time.Time     `json:"startAt"`
	EndAt       time.Time     `json:"endAt"`
	Timezone    string        `json:"timezone"`
	RRule       *string       `json:"rrule"`
	Summary     *string       `json:"summary"`
	Attendees   []attendeeDTO `json:"attendees"`
	Version     int64         `json:"version"`
	CreatedAt   time.Time     `json:"createdAt"`
	UpdatedAt   time.Time     `json:"updatedAt"`
}

func meetingOf(m domain.Meeting) meetingDTO {
	loc, _ := time.LoadLocation(m.Timezone)
	d := meetingDTO{ID: m.ID, OrganizerID: m.OrganizerID, Title: m.Title, Description: m.Description,
		Location: m.Location, Link: m.Link, Start: domain.CivilOf(m.Start.In(loc)).String(),
		End: domain.CivilOf(m.End.In(loc)).String(), StartAt: m.Start.UTC(), EndAt: m.End.UTC(), Timezone: m.Timezone,
		Attendees: []attendeeDTO{}, Version: m.Version, CreatedAt: m.CreatedAt.UTC(), UpdatedAt: m.UpdatedAt.UTC()}
	if m.ProjectID != "" {
		d.ProjectID = &m.ProjectID
	}
	if m.Recurrence != nil {
		rule, summary := m.Recurrence.Rule.String(), m.Recurrence.Summary()
		d.RRule, d.Summary = &rule, &summary
	}
	for _, a := range m.Attendees {
		d.Attendees = append(d.Attendees, attendeeDTO{UserID: a.UserID, Response: string(a.Response), RespondedAt: a.RespondedAt})
	}
	return d
}

type responseRequest struct {
	Response string `json:"response"`
}

type seriesRequest struct {
	ProjectID string `json:"projectId"`
	TaskID    string `json:"taskId"`
	Title     string `json:"title"`
	Start     string `json:"start"`
	Timezone  string `json:"timezone"`
	Mode      string `json:"mode"`
	RRule     string `json:"rrule"`
	Preset    string `json:"preset"`
	Every     int    `json:"every"`
	Unit      string `json:"unit"`
}

func (r seriesRequest) input() domain.TaskSeriesInput {
	return domain.TaskSeriesInput{ProjectID: r.ProjectID, TaskID: r.TaskID, Title: r.Title, Preset: r.Preset,
		Spec: domain.SeriesSpec{Start: r.Start, Timezone: r.Timezone, Mode: domain.Mode(r.Mode), RRule: r.RRule,
			Every: r.Every, Unit: domain.Unit(r.Unit)}}
}

type seriesChangeRequest struct {
	Title  *string `json:"title"`
	Status string  `json:"status"`
}

type skipRequest struct {
	DueAt time.Time `json:"dueAt" binding:"required"`
}

type seriesDTO struct {
	ID        string      `json:"id"`
	ProjectID string      `json:"projectId"`
	TaskID    *string     `json:"taskId"`
	Title     string      `json:"title"`
	CreatedBy string      `json:"createdBy"`
	Start     string      `json:"start"`
	Timezone  string      `json:"timezone"`
	Mode      string      `json:"mode"`
	RRule     *string     `json:"rrule"`
	Every     *int        `json:"every"`
	Unit      *string     `json:"unit"`
	Summary   string      `json:"summary"`
	Status    string      `json:"status"`
	NextDueAt *time.Time  `json:"nextDueAt"`
	Skipped   []time.Time `json:"skipped"`
	Version   int64       `json:"version"`
	CreatedAt time.Time   `json:"createdAt"`
	UpdatedAt time.Time   `json:"updatedAt"`
}

func seriesOf(ts domain.TaskSeries, now time.Time) seriesDTO {
	spec := ts.Series.Spec()
	d := seriesDTO{ID: ts.ID, ProjectID: ts.ProjectID, Title: ts.Title, CreatedBy: ts.CreatedBy, Start: spec.Start,
		Timezone: spec.Timezone, Mode: string(spec.Mode), Summary: ts.Series.Summary(), Status: string(ts.Status),
		Skipped: []time.Time{}, Version: ts.Version, CreatedAt: ts.CreatedAt.UTC(), UpdatedAt: ts.UpdatedAt.UTC()}
	if ts.TaskID != "" {
		d.TaskID = &ts.TaskID
	}
	if spec.Mode == domain.ModeFixed {
		d.RRule = &spec.RRule
	} else {
		unit := string(spec.Unit)
		d.Every, d.Unit = &spec.Every, &unit
	}
	if next, ok := ts.Next(now.Add(-time.Nanosecond)); ok {
		next = next.UTC()
		d.NextDueAt = &next
	}
	for _, s := range ts.Skipped {
		d.Skipped = append(d.Skipped, s.UTC())
	}
	return d
}

type reminderRequest struct {
	Kind          string  `json:"kind"`
	TargetID      string  `json:"targetId"`
	MinutesBefore *int    `json:"minutesBefore"`
	AtTime        *string `json:"atTime"`
}

type snoozeRequest struct {
	Minutes *int `json:"minutes" binding:"required"`
}

type reminderDTO struct {
	ID            string     `json:"id"`
	Kind          string     `json:"kind"`
	TargetID      string     `json:"targetId"`
	MinutesBefore int        `json:"minutesBefore"`
	AtTime        *string    `json:"atTime"`
	NextAt        *time.Time `json:"nextAt"`
	LastAt        *time.Time `json:"lastAt"`
	SnoozedUntil  *time.Time `json:"snoozedUntil"`
	CreatedAt     time.Time  `json:"createdAt"`
}

func reminderOf(r domain.Reminder) reminderDTO {
	d := reminderDTO{ID: r.ID, Kind: string(r.Kind), TargetID: r.TargetID, MinutesBefore: r.MinutesBefore,
		NextAt: utc(r.NextFire), LastAt: utc(r.LastOccurrence), SnoozedUntil: utc(r.SnoozeUntil), CreatedAt: r.CreatedAt.UTC()}
	if r.AtTime != "" {
		at := r.AtTime
		d.AtTime = &at
	}
	return d
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

type feedTokenRequest struct {
	Name string `json:"name"`
}

type feedTokenDTO struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"createdAt"`
	LastUsedAt *time.Time `json:"lastUsedAt"`
	// Token and URL are shown once, when the token is created.
	Token string `json:"token,omitempty"`
	URL   string `json:"url,omitempty"`
}

// FeedPath is where a feed token's calendar is served.
func FeedPath(token string) string { return "/api/v1/calendar/feed/" + token + ".ics" }

func feedTokenOf(t domain.FeedToken, token string) feedTokenDTO {
	d := feedTokenDTO{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt.UTC(), LastUsedAt: t.LastUsedAt}
	if token != "" {
		d.Token, d.URL = token, FeedPath(token)
	}
	return d
}

type entryDTO struct {
	Kind      string    `json:"kind"`
	ID        string    `json:"id"`
	ProjectID *string   `json:"projectId"`
	Title     string    `json:"title"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Timezone  string    `json:"timezone"`
	Recurring bool      `json:"recurring"`
	Response  *string   `json:"response"`
	TaskID    string    `json:"taskId,omitempty"`
	SeriesID  string    `json:"seriesId,omitempty"`
	Status    string    `json:"status,omitempty"`
	Projected bool      `json:"projected,omitempty"`
}

type calendarDTO struct {
	Entries   []entryDTO `json:"entries"`
	Truncated bool       `json:"truncated"`
}

func calendarOf(cal app.Calendar) calendarDTO {
	d := calendarDTO{Entries: make([]entryDTO, 0, len(cal.Entries)), Truncated: cal.Truncated}
	for _, e := range cal.Entries {
		x := entryDTO{Kind: string(e.Kind), ID: e.ID, Title: e.Title, Start: e.Start.UTC(), End: e.End.UTC(),
			Timezone: e.Timezone, Recurring: e.Recurring, TaskID: e.TaskID, SeriesID: e.SeriesID, Status: e.Status,
			Projected: e.Projected}
		if e.ProjectID != "" {
			pid := e.ProjectID
			x.ProjectID = &pid
		}
		if e.Response != "" {
			r := string(e.Response)
			x.Response = &r
		}
		d.Entries = append(d.Entries, x)
	}
	return d
}
