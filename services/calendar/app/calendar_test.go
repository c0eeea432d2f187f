package app_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/calendar/adapters"
	"github.com/taskrocket/taskrocket/services/calendar/app"
	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// projects answers from a fixed list of memberships.
type projects map[string][]string

func (p projects) UserProjects(_ context.Context, userID string) ([]string, error) {
	if ids, ok := p[userID]; ok {
		return ids, nil
	}
	return nil, errors.New("projects: unavailable")
}

func (p projects) Membership(_ context.Context, projectID, userID string) (app.Member, error) {
	if slices.Contains(p[userID], projectID) {
		return app.Member{Role: "participant"}, nil
	}
	return app.Member{}, app.ErrNotMember
}

func (p projects) Confirm(ctx context.Context, projectID, userID string) (app.Member, error) {
	return p.Membership(ctx, projectID, userID)
}

func (p projects) Members(_ context.Context, projectID string) ([]string, error) {
	var out []string
	for u, ps := range p {
		if slices.Contains(ps, projectID) {
			out = append(out, u)
		}
	}
	return out, nil
}

var created = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// TestRange merges, on real Postgres, a user's meetings (organised,
// invited and declined, recurring across the DST change) with the due
// dates of their projects' recurring tasks, and nothing of others.
func TestRange(t *testing.T) {
	t.Parallel()
	store := adapters.NewStore(pgtest.NewDB(t, adapters.Migrations()))
	ctx := t.Context()
	ada, grace := newID(), newID()
	mine, theirs := newID(), newID()
	a := app.New(store, projects{ada: {mine}, grace: {theirs}})

	addMeeting := func(organizer string, in domain.MeetingInput) domain.Meeting {
		in.Timezone = "Europe/Warsaw"
		m, err := domain.NewMeeting(in)
		if err != nil {
			t.Fatal(err)
		}
		m.ID, m.OrganizerID, m.Version, m.CreatedAt, m.UpdatedAt = newID(), organizer, 1, created, created
		if err := store.InsertMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	addSeries := func(project, title string, spec domain.SeriesSpec) domain.TaskSeries {
		ts, err := domain.NewTaskSeries(domain.TaskSeriesInput{ProjectID: project, Title: title, Spec: spec})
		if err != nil {
			t.Fatal(err)
		}
		ts.ID, ts.CreatedBy, ts.Version, ts.CreatedAt, ts.UpdatedAt = newID(), ada, 1, created, created
		if err := store.InsertTaskSeries(ctx, ts); err != nil {
			t.Fatal(err)
		}
		return ts
	}
	standup := addMeeting(ada, domain.MeetingInput{Title: "Stand-up", Start: "2026-03-02T09:00", End: "2026-03-02T09:15", RRule: "FREQ=WEEKLY;BYDAY=MO,TH"})
	review := addMeeting(grace, domain.MeetingInput{Title: "Review", Start: "2026-03-27T15:00", End: "2026-03-27T16:00", AttendeeIDs: []string{ada}})
	if err := store.SetResponse(ctx, review.ID, ada, domain.Declined, created); err != nil {
		t.Fatal(err)
	}
	addMeeting(grace, domain.MeetingInput{Title: "Grace alone", Start: "2026-03-25T10:00", End: "2026-03-25T11:00"})
	report := addSeries(mine, "Monthly report", domain.SeriesSpec{Start: "2026-01-01T17:00", Timezone: "America/New_York", RRule: "FREQ=MONTHLY;BYDAY=-1FR"})
	addSeries(mine, "Ended", domain.SeriesSpec{Start: "2026-01-01T17:00", Timezone: "UTC", RRule: "FREQ=DAILY;COUNT=5"})
	addSeries(theirs, "Not Ada's", domain.SeriesSpec{Start: "2026-01-01T17:00", Timezone: "UTC", RRule: "FREQ=DAILY"})

	cal, err := a.Range(ctx, ada, time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 3, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		kind     app.EntryKind
		id       string
		start    string
		response domain.Response
	}
	want := []row{
		{app.EntryMeeting, standup.ID, "2026-03-23T09:00:00+01:00", ""},
		{app.EntryMeeting, standup.ID, "2026-03-26T09:00:00+01:00", ""},
		{app.EntryMeeting, review.ID, "2026-03-27T15:00:00+01:00", domain.Declined},
		{app.EntryTask, report.ID, "2026-03-27T17:00:00-04:00", ""},
		{app.EntryMeeting, standup.ID, "2026-03-30T09:00:00+02:00", ""},
		{app.EntryMeeting, standup.ID, "2026-04-02T09:00:00+02:00", ""},
	}
	if len(cal.Entries) != len(want) || cal.Truncated {
		t.Fatalf("%d entries (truncated %v), want %d: %+v", len(cal.Entries), cal.Truncated, len(want), cal.Entries)
	}
	for i, w := range want {
		e := cal.Entries[i]
		loc, _ := time.LoadLocation(e.Timezone)
		got := row{e.Kind, e.ID, e.Start.In(loc).Format(time.RFC3339), e.Response}
		if got != w {
			t.Errorf("entry %d: got %+v, want %+v", i, got, w)
		}
	}
	if e := cal.Entries[0]; e.End.Sub(e.Start) != 15*time.Minute || !e.Recurring || e.Title != "Stand-up" {
		t.Errorf("stand-up entry %+v", e)
	}

	t.Run("invalid-range", func(t *testing.T) {
		t.Parallel()
		from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for name, to := range map[string]time.Time{"empty": from, "backwards": from.Add(-time.Hour), "too-long": from.AddDate(1, 0, 2)} {
			if _, err := a.Range(ctx, ada, from, to); !errors.Is(err, app.ErrInvalidRange) {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
	t.Run("projects-unavailable", func(t *testing.T) {
		t.Parallel()
		if _, err := a.Range(ctx, newID(), created, created.Add(time.Hour)); err == nil {
			t.Error("answered without knowing the user's projects")
		}
	})
}
