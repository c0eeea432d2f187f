package domain

import (
	"net/url"
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// Limits of a meeting.
const (
	MaxTitleRunes       = 200
	MaxDescriptionRunes = 10000
	MaxLocationRunes    = 500
	MaxLinkBytes        = 2000
	MaxAttendees        = 100
	MaxMeetingLength    = 7 * 24 * time.Hour
)

// Response is an attendee's answer to an invitation to a meeting.
type Response string

const (
	NeedsAction Response = "needs_action"
	Accepted    Response = "accepted"
	Declined    Response = "declined"
	Tentative   Response = "tentative"
)

// ParseResponse reads an answer an attendee may give.
func ParseResponse(s string) (Response, bool) {
	r := Response(s)
	return r, r == Accepted || r == Declined || r == Tentative || r == NeedsAction
}

// Attendee is a person invited to a meeting and their answer.
type Attendee struct {
	UserID      string
	Response    Response
	RespondedAt *time.Time
}

// Meeting is a meeting, single or recurring. Start and End are the first
// occurrence's; a recurring meeting repeats them by its Recurrence, every
// occurrence as long as the first.
type Meeting struct {
	ID          string
	ProjectID   string // "" for a meeting outside projects
	OrganizerID string
	Title       string
	Description string
	Location    string
	Link        string
	Start, End  time.Time
	Timezone    string
	Recurrence  *Series
	Attendees   []Attendee
	Version     int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// MeetingInput is a new meeting as a client sends it: start and end as
// wall-clock times in the meeting's time zone.
type MeetingInput struct {
	ProjectID   string
	Title       string
	Description string
	Location    string
	Link        string
	Start       string
	End         string
	Timezone    string
	RRule       string
	AttendeeIDs []string
}

// Request fields, by the names clients send.
const (
	FieldTitle       = "title"
	FieldDescription = "description"
	FieldLocation    = "location"
	FieldLink        = "link"
	FieldStart       = "start"
	FieldEnd         = "end"
	FieldTimezone    = "timezone"
	FieldProjectID   = "projectId"
	FieldAttendeeIDs = "attendeeIds"
)

// Problems of meeting fields, besides the common ones.
const (
	ProblemBeforeStart = "before_start"
	ProblemTooMany     = "too_many"
)

// NewMeeting checks a meeting input and returns the meeting (without id,
// organizer and times of record). Field problems are reported together
// (validation_failed); a bad recurrence with the series' own codes.
func NewMeeting(in MeetingInput) (Meeting, error) {
	problems := fields.Problems{}
	var m Meeting
	var p string
	m.Title, p = fields.Line(in.Title, MaxTitleRunes)
	problems.Add(FieldTitle, p)
	m.Description, p = fields.Markdown(in.Description, MaxDescriptionRunes)
	problems.Add(FieldDescription, p)
	if in.Location != "" {
		m.Location, p = fields.Line(in.Location, MaxLocationRunes)
		problems.Add(FieldLocation, p)
	}
	if in.Link != "" {
		u, err := url.Parse(in.Link)
		switch {
		case len(in.Link) > MaxLinkBytes:
			problems.Add(FieldLink, fields.TooLong)
		case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
			problems.Add(FieldLink, fields.Invalid)
		default:
			m.Link = u.String()
		}
	}
	if in.ProjectID != "" {
		var ok bool
		if m.ProjectID, ok = fields.ParseUUID(in.ProjectID); !ok {
			problems.Add(FieldProjectID, fields.Invalid)
		}
	}
	m.Attendees, p = attendees(in.AttendeeIDs)
	problems.Add(FieldAttendeeIDs, p)
	var loc *time.Location
	m.Timezone, p = fields.Timezone(in.Timezone)
	problems.Add(FieldTimezone, p)
	if p == "" {
		loc, _ = time.LoadLocation(m.Timezone)
	}
	start, errStart := ParseCivil(in.Start)
	end, errEnd := ParseCivil(in.End)
	if errStart != nil {
		problems.Add(FieldStart, fields.Invalid)
	}
	if errEnd != nil {
		problems.Add(FieldEnd, fields.Invalid)
	}
	if loc != nil && errStart == nil && errEnd == nil {
		m.Start, m.End = start.In(loc), end.In(loc)
		switch {
		case !m.End.After(m.Start):
			problems.Add(FieldEnd, ProblemBeforeStart)
		case m.End.Sub(m.Start) > MaxMeetingLength:
			problems.Add(FieldEnd, fields.TooLong)
		}
	}
	if err := problems.Err(); err != nil {
		return Meeting{}, err
	}
	if in.RRule != "" {
		s, err := NewSeries(SeriesSpec{Start: in.Start, Timezone: m.Timezone, RRule: in.RRule})
		if err != nil {
			return Meeting{}, err
		}
		length := m.End.Sub(m.Start)
		m.Recurrence = &s
		m.Start = s.First()
		m.End = m.Start.Add(length)
	}
	return m, nil
}

func attendees(ids []string) ([]Attendee, string) {
	if len(ids) > MaxAttendees {
		return nil, ProblemTooMany
	}
	out := make([]Attendee, 0, len(ids))
	seen := map[string]bool{}
	for _, raw := range ids {
		id, ok := fields.ParseUUID(raw)
		if !ok {
			return nil, fields.Invalid
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, Attendee{UserID: id, Response: NeedsAction})
		}
	}
	slices.SortFunc(out, func(a, b Attendee) int {
		if a.UserID < b.UserID {
			return -1
		}
		if a.UserID > b.UserID {
			return 1
		}
		return 0
	})
	return out, ""
}

// Occurrence is one occurrence of a meeting.
type Occurrence struct {
	Start, End time.Time
}

// Occurrences are the meeting's occurrences that overlap [from, to), at
// most limit (see Series.Between).
func (m Meeting) Occurrences(from, to time.Time, limit int) ([]Occurrence, bool) {
	length := m.End.Sub(m.Start)
	if m.Recurrence == nil {
		if m.Start.Before(to) && m.End.After(from) {
			return []Occurrence{{m.Start, m.End}}, false
		}
		return nil, false
	}
	starts, truncated := m.Recurrence.Between(from.Add(-length+1), to, limit)
	out := make([]Occurrence, len(starts))
	for i, s := range starts {
		out[i] = Occurrence{s, s.Add(length)}
	}
	return out, truncated
}

// LastEnd is when the meeting's last occurrence ends, or false when it
// repeats without end.
func (m Meeting) LastEnd() (time.Time, bool) {
	if m.Recurrence == nil {
		return m.End, true
	}
	last, ok := m.Recurrence.Last()
	return last.Add(m.End.Sub(m.Start)), ok
}

// Invites reports whether the user organises or is invited to the meeting.
func (m Meeting) Invites(userID string) bool {
	return m.OrganizerID == userID || slices.ContainsFunc(m.Attendees, func(a Attendee) bool { return a.UserID == userID })
}

// ErrMeetingChanged: the meeting changed since it was read.
var ErrMeetingChanged = apperr.Conflict("meeting_changed", "the meeting changed; read it again")
