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
	// EntryTask is a task's due date: a task of the caller's projects, or
	// a recurring task's occurrence not created yet (Projected).
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
	// TaskID is the task of a task entry ("" for a projected occurrence);
	// SeriesID the recurring task it belongs to; Status the task's status.
	TaskID, SeriesID, Status string
	// Projected: an occurrence of a recurring task not created yet.
	Projected bool
	// Modified and Completed (zero if open) of a task, for the feed.
	Modified, Completed time.Time
}

// Calendar is what a range query answers: entries in order of start, at
// most domain.MaxOccurrences (Truncated says some were left out).
type Calendar struct {
	Entries   []Entry
	Truncated bool
}

// Range lists the caller's meetings (organised or invited to, every
// occurrence of the recurring ones), the tasks of their projects due in
// [from, to), and the occurrences of their projects' recurring tasks not
// created yet (one created shows as its task, wherever it was moved).
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
	var cal Calendar
	for _, m := range meetings {
		cal.addMeeting(m, userID, from, to)
	}
	tasks, err := a.taskEntries(ctx, projects, from, to)
	if err != nil {
		return Calendar{}, err
	}
	cal.Entries = append(cal.Entries, tasks.Entries...)
	cal.Truncated = cal.Truncated || tasks.Truncated
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

func (cal *Calendar) addMeeting(m domain.Meeting, userID string, from, to time.Time) {
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

// taskEntries are the projects' tasks due in [from, to) and their
// recurring tasks' occurrences there that were not created yet.
func (a *App) taskEntries(ctx context.Context, projects []string, from, to time.Time) (Calendar, error) {
	var cal Calendar
	tasks, err := a.Store.TasksDue(ctx, projects, from, to)
	if err != nil {
		return Calendar{}, err
	}
	for _, t := range tasks {
		tz := t.Timezone
		if tz == "" {
			tz = "UTC"
		}
		cal.Entries = append(cal.Entries, Entry{Kind: EntryTask, ID: t.ID, ProjectID: t.ProjectID, Title: t.Title,
			Start: *t.DueAt, End: *t.DueAt, Timezone: tz, Recurring: t.SeriesID != "",
			TaskID: t.ID, SeriesID: t.SeriesID, Status: t.Status, Modified: t.UpdatedAt, Completed: derefTime(t.DoneAt)})
	}
	series, err := a.Store.TaskSeriesOverlapping(ctx, projects, from, to)
	if err != nil {
		return Calendar{}, err
	}
	ids := make([]string, len(series))
	for i, ts := range series {
		ids[i] = ts.ID
	}
	created, err := a.Store.CreatedOccurrences(ctx, ids, from, to)
	if err != nil {
		return Calendar{}, err
	}
	for _, ts := range series {
		due, truncated := ts.Occurrences(from, to, domain.MaxOccurrences)
		cal.Truncated = cal.Truncated || truncated
		for _, d := range due {
			if slices.ContainsFunc(created[ts.ID], d.Equal) {
				continue
			}
			cal.Entries = append(cal.Entries, Entry{Kind: EntryTask, ID: ts.ID, ProjectID: ts.ProjectID, Title: ts.Title,
				Start: d, End: d, Timezone: ts.Series.Timezone, Recurring: true, SeriesID: ts.ID, Projected: true,
				Modified: ts.UpdatedAt})
		}
	}
	return cal, nil
}

func derefTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
