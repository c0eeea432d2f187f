package app

import (
	"context"
	"io"
	"time"

	"github.com/taskrocket/taskrocket/services/calendar/adapters/ical"
	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// The feed holds what overlaps [now - FeedPast, now + FeedAhead):
// meetings whole (a recurring one with its RRULE, expanded by the
// calendar app), the tasks with a due date and the occurrences of
// recurring tasks not created yet one by one.
const (
	FeedPast  = 31 * 24 * time.Hour
	FeedAhead = 365 * 24 * time.Hour
)

// Feed writes the calendar feed that token opens (the token is the
// credential: calendar apps cannot send another), or answers
// domain.ErrFeedTokenInvalid for an unknown or revoked token.
func (a *App) Feed(ctx context.Context, token string, w io.Writer) error {
	now := a.Now().UTC().Truncate(time.Second)
	ft, err := a.Store.UseFeedToken(ctx, domain.HashFeedToken(token), now)
	if err != nil {
		return err
	}
	from, to := now.Add(-FeedPast), now.Add(FeedAhead)
	meetings, err := a.Store.MeetingsOverlapping(ctx, ft.UserID, from, to)
	if err != nil {
		return err
	}
	projects, err := a.Projects.UserProjects(ctx, ft.UserID)
	if err != nil {
		return err
	}
	tasks, err := a.taskEntries(ctx, projects, from, to)
	if err != nil {
		return err
	}
	feed := ical.Feed{Name: "TaskRocket", Now: now, Horizon: to}
	for _, m := range meetings {
		feed.Events = append(feed.Events, meetingEvent(m))
	}
	for _, e := range tasks.Entries {
		feed.Tasks = append(feed.Tasks, taskTodo(e))
	}
	return ical.Write(w, feed)
}

// taskTodo is a task, or an occurrence not created yet, as a VTODO.
func taskTodo(e Entry) ical.Task {
	if !e.Projected {
		t := ical.Task{UID: e.TaskID + "@taskrocket", Summary: e.Title, Due: e.Start, TZID: e.Timezone, Modified: e.Modified}
		if e.Status == domain.TaskDone {
			t.Completed = e.Completed
			if t.Completed.IsZero() {
				t.Completed = e.Modified
			}
		}
		return t
	}
	return ical.Task{UID: e.SeriesID + "-" + e.Start.UTC().Format("20060102T150405Z") + "@taskrocket",
		Summary: e.Title, Due: e.Start, TZID: e.Timezone, Modified: e.Modified}
}

var partStat = map[domain.Response]ical.Participation{
	domain.NeedsAction: ical.NeedsAction, domain.Accepted: ical.Accepted,
	domain.Declined: ical.Declined, domain.Tentative: ical.Tentative,
}

func meetingEvent(m domain.Meeting) ical.Event {
	e := ical.Event{
		UID: m.ID + "@taskrocket", Summary: m.Title, Description: m.Description, Location: m.Location, URL: m.Link,
		Start: m.Start, End: m.End, TZID: m.Timezone, Organizer: &ical.Attendee{UserID: m.OrganizerID},
		Sequence: int(m.Version - 1), Modified: m.UpdatedAt,
	}
	if m.Recurrence != nil {
		rule := m.Recurrence.Rule
		e.Rule = &rule
	}
	for _, at := range m.Attendees {
		e.Attendees = append(e.Attendees, ical.Attendee{UserID: at.UserID, Status: partStat[at.Response]})
	}
	return e
}
