package app_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/calendar/adapters"
	"github.com/taskrocket/taskrocket/services/calendar/app"
	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// TestFeed opens a user's feed with their token and reads it back with an
// iCalendar library: their recurring meeting with its rule, the due dates
// of their project's recurring task; a revoked token opens nothing.
func TestFeed(t *testing.T) {
	t.Parallel()
	store := adapters.NewStore(pgtest.NewDB(t, adapters.Migrations()))
	ctx := t.Context()
	ada, project := newID(), newID()
	a := app.New(store, projects{ada: {project}})
	a.Now = func() time.Time { return time.Date(2026, 3, 15, 8, 0, 0, 0, time.UTC) }

	m, err := domain.NewMeeting(domain.MeetingInput{Title: "Stand-up, daily", Start: "2026-03-02T09:00", End: "2026-03-02T09:15",
		Timezone: "Europe/Warsaw", RRule: "FREQ=WEEKLY;BYDAY=MO,TH", AttendeeIDs: []string{newID()}})
	if err != nil {
		t.Fatal(err)
	}
	m.ID, m.OrganizerID, m.Version, m.CreatedAt, m.UpdatedAt = newID(), ada, 1, created, created
	if err := store.InsertMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	ts, err := domain.NewTaskSeries(domain.TaskSeriesInput{ProjectID: project, Title: "Quarterly taxes",
		Spec: domain.SeriesSpec{Start: "2026-01-15T10:00", Timezone: "America/New_York", RRule: "FREQ=MONTHLY;INTERVAL=3;COUNT=4"}})
	if err != nil {
		t.Fatal(err)
	}
	ts.ID, ts.CreatedBy, ts.Version, ts.CreatedAt, ts.UpdatedAt = newID(), ada, 1, created, created
	if err := store.InsertTaskSeries(ctx, ts); err != nil {
		t.Fatal(err)
	}
	token, hash := domain.NewFeedToken()
	ft := domain.FeedToken{ID: newID(), UserID: ada, Hash: hash, CreatedAt: created}
	if err := store.InsertFeedToken(ctx, ft); err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	if err := a.Feed(ctx, token, &out); err != nil {
		t.Fatal(err)
	}
	cal, err := goical.NewDecoder(&out).Decode()
	if err != nil {
		t.Fatal(err)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events", len(events))
	}
	if s, _ := events[0].Props.Text(goical.PropSummary); s != "Stand-up, daily" {
		t.Errorf("summary %q", s)
	}
	if r := events[0].Props.Get(goical.PropRecurrenceRule); r == nil || r.Value != "FREQ=WEEKLY;BYDAY=MO,TH" {
		t.Errorf("rule %+v", r)
	}
	var due []string
	for _, c := range cal.Children {
		if c.Name == goical.CompToDo {
			d, _ := c.Props.DateTime(goical.PropDue, nil)
			due = append(due, d.In(ts.Series.Loc).Format(time.RFC3339))
		}
	}
	// A month back and a year ahead of 15 March: April, July and October
	// (January is too early).
	if got := strings.Join(due, " "); got != "2026-04-15T10:00:00-04:00 2026-07-15T10:00:00-04:00 2026-10-15T10:00:00-04:00" {
		t.Errorf("due dates %s", got)
	}

	for name, tok := range map[string]string{"unknown": "trcal_" + strings.Repeat("A", 43), "garbage": "../../etc"} {
		if err := a.Feed(ctx, tok, &bytes.Buffer{}); !errors.Is(err, domain.ErrFeedTokenInvalid) {
			t.Errorf("%s token: %v", name, err)
		}
	}
	if err := store.RevokeFeedToken(ctx, ada, ft.ID, created); err != nil {
		t.Fatal(err)
	}
	if err := a.Feed(ctx, token, &bytes.Buffer{}); !errors.Is(err, domain.ErrFeedTokenInvalid) {
		t.Errorf("revoked token: %v", err)
	}
}
