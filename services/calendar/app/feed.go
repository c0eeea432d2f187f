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
// calendar app), and the due dates of recurring tasks one by one.
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
	series, err := a.Store.TaskSeriesOverlapping(ctx, projects, from, to)
	if err != nil {
		return err
	}
	feed := ical.Feed{Name: "TaskRocket", Now: now, Horizon: to}
	for _, m := range meetings {
		feed.Events = append(feed.Events, meetingEvent(m))
	}
	for _, ts := range series {
		due, _ := ts.Occurrences(from, to, domain.MaxOccurrences)
		for _, d := range due {
			feed.Tasks = append(feed.Tasks, ical.Task{
				UID:     ts.ID + "-" + d.UTC().Format("20060102T150405Z") + "@taskrocket",
				Summary: ts.Title, Due: d, TZID: ts.Series.Timezone, Modified: ts.UpdatedAt,
			})
		}
	}
	return ical.Write(w, feed)
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
