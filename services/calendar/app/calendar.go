package app

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apperr"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// MaxRange is the longest window a range query may ask for.
const MaxRange = 366 * 24 * time.Hour

// ErrInvalidRange refuses a window that ends before it starts or is too
// long.
var ErrInvalidRange = apperr.Invalid("invalid_range", "the range must end after it starts and span at most 366 days")

// EntryKind is what an entry of the calendar is.
type EntryKind string

const (
	// EntryMeeting is an occurrence of a meeting.
	EntryMeeting EntryKind = "meeting"
	// EntryTask is a projected due date of a recurring task.
	EntryTask EntryKind = "task"
)

// Entry is one thing on the caller's calendar.
type Entry struct {
	Kind      EntryKind
	ID        string // the meeting or the recurring task
	ProjectID string
	Title     string
	// Start and End of a meeting's occurrence; a task's due date is
	// Start, and End equals it.
	Start, End time.Time
	Timezone   string
	Recurring  bool
	// Response is the caller's answer to a meeting they are invited to,
	// "" when they organise it.
	Response domain.Response
}

// Calendar is what a range query answers: entries in order of start, at
// most domain.MaxOccurrences (Truncated says some were left out).
type Calendar struct {
	Entries   []Entry
	Truncated bool
}

// Range lists the caller's meetings (organised or invited to, every
// occurrence of the recurring ones) and the due dates of the recurring
// tasks of their projects, in [from, to).
func (a *App) Range(ctx context.Context, userID string, from, to time.Time) (Calendar, error) {
	if !to.After(from) || to.Sub(from) > MaxRange {
		return Calendar{}, ErrInvalidRange
	}
	meetings, err := a.Store.MeetingsOverlapping(ctx, userID, from, to)
	if err != nil {
		return Calendar{}, err
	}
	projects, err := a.Projects.UserProjects(ctx, userID)
	if err != nil {
		return Calendar{}, err
	}
	series, err := a.Store.TaskSeriesOverlapping(ctx, projects, from, to)
	if err != nil {
		return Calendar{}, err
	}
	var cal Calendar
	for _, m := range meetings {
		occ, truncated := m.Occurrences(from, to, domain.MaxOccurrences)
		cal.Truncated = cal.Truncated || truncated
		response := domain.Response("")
		if m.OrganizerID != userID {
			for _, at := range m.Attendees {
				if at.UserID == userID {
					response = at.Response
				}
			}
		}
		for _, o := range occ {
			cal.Entries = append(cal.Entries, Entry{Kind: EntryMeeting, ID: m.ID, ProjectID: m.ProjectID, Title: m.Title,
				Start: o.Start, End: o.End, Timezone: m.Timezone, Recurring: m.Recurrence != nil, Response: response})
		}
	}
	for _, ts := range series {
		due, truncated := ts.Occurrences(from, to, domain.MaxOccurrences)
		cal.Truncated = cal.Truncated || truncated
		for _, d := range due {
			cal.Entries = append(cal.Entries, Entry{Kind: EntryTask, ID: ts.ID, ProjectID: ts.ProjectID, Title: ts.Title,
				Start: d, End: d, Timezone: ts.Series.Timezone, Recurring: true})
		}
	}
	slices.SortFunc(cal.Entries, func(x, y Entry) int {
		return cmp.Or(x.Start.Compare(y.Start), cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.ID, y.ID))
	})
	if len(cal.Entries) > domain.MaxOccurrences {
		cal.Entries, cal.Truncated = cal.Entries[:domain.MaxOccurrences], true
	}
	return cal, nil
}

// ProjectRange is Range narrowed to one project the caller is a member
// of: its meetings the caller may see and its recurring tasks.
func (a *App) ProjectRange(ctx context.Context, userID, projectID string, from, to time.Time) (Calendar, error) {
	if !to.After(from) || to.Sub(from) > MaxRange {
		return Calendar{}, ErrInvalidRange
	}
	if _, err := a.member(ctx, projectID, userID, ErrProjectNotFound); err != nil {
		return Calendar{}, err
	}
	cal, err := a.Range(ctx, userID, from, to)
	if err != nil {
		return Calendar{}, err
	}
	cal.Entries = slices.DeleteFunc(cal.Entries, func(e Entry) bool { return e.ProjectID != projectID })
	return cal, nil
}
