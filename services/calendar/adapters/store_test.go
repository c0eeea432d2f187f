package adapters_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/calendar/adapters"
	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func newStore(t *testing.T) *adapters.Store {
	t.Helper()
	return adapters.NewStore(pgtest.NewDB(t, adapters.Migrations()))
}

func meeting(t *testing.T, organizer string, in domain.MeetingInput) domain.Meeting {
	t.Helper()
	if in.Title == "" {
		in.Title = "Meeting"
	}
	if in.Timezone == "" {
		in.Timezone = "Europe/Warsaw"
	}
	m, err := domain.NewMeeting(in)
	if err != nil {
		t.Fatal(err)
	}
	m.ID, m.OrganizerID, m.Version, m.CreatedAt, m.UpdatedAt = newID(), organizer, 1, now, now
	return m
}

func TestMeetingsRoundTrip(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	ctx := t.Context()
	ada, grace, alan := newID(), newID(), newID()
	weekly := meeting(t, ada, domain.MeetingInput{Title: "Stand-up", Description: "Daily **sync**", Location: "Room 4",
		Link: "https://meet.example.com/abc", Start: "2026-03-02T09:00", End: "2026-03-02T09:15",
		RRule: "FREQ=WEEKLY;BYDAY=MO,TH", AttendeeIDs: []string{grace, alan}, ProjectID: newID()})
	if err := s.InsertMeeting(ctx, weekly); err != nil {
		t.Fatal(err)
	}
	got, err := s.Meeting(ctx, weekly.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Stand-up" || got.Link != weekly.Link || got.ProjectID != weekly.ProjectID || !got.Start.Equal(weekly.Start) ||
		!got.End.Equal(weekly.End) || got.Recurrence == nil || got.Recurrence.Rule.String() != "FREQ=WEEKLY;BYDAY=MO,TH" || len(got.Attendees) != 2 {
		t.Fatalf("read back %+v", got)
	}
	// The stored recurrence expands like the original, across DST.
	from, to := time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 3, 0, 0, 0, 0, time.UTC)
	want, _ := weekly.Occurrences(from, to, 0)
	occ, _ := got.Occurrences(from, to, 0)
	if !slices.EqualFunc(occ, want, func(a, b domain.Occurrence) bool { return a.Start.Equal(b.Start) && a.End.Equal(b.End) }) || len(occ) != 4 || occ[2].Start.Format(time.RFC3339) != "2026-03-30T09:00:00+02:00" {
		t.Errorf("occurrences %v, want %v", occ, want)
	}

	t.Run("responses", func(t *testing.T) {
		if err := s.SetResponse(ctx, weekly.ID, grace, domain.Accepted, now); err != nil {
			t.Fatal(err)
		}
		if err := s.SetResponse(ctx, weekly.ID, newID(), domain.Declined, now); !errors.Is(err, domain.ErrMeetingNotFound) {
			t.Errorf("a stranger's answer: %v", err)
		}
		m, _ := s.Meeting(ctx, weekly.ID)
		for _, a := range m.Attendees {
			if a.UserID == grace && (a.Response != domain.Accepted || a.RespondedAt == nil) || a.UserID == alan && a.Response != domain.NeedsAction {
				t.Errorf("attendee %+v", a)
			}
		}
	})

	t.Run("overlapping", func(t *testing.T) {
		single := meeting(t, grace, domain.MeetingInput{Start: "2026-03-10T14:00", End: "2026-03-10T15:00", AttendeeIDs: []string{alan}})
		ended := meeting(t, ada, domain.MeetingInput{Start: "2026-01-05T10:00", End: "2026-01-05T11:00", RRule: "FREQ=DAILY;COUNT=3"})
		for _, m := range []domain.Meeting{single, ended} {
			if err := s.InsertMeeting(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		march := func(user string) []string {
			ms, err := s.MeetingsOverlapping(ctx, user, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, m := range ms {
				ids = append(ids, m.ID)
			}
			return ids
		}
		if got := march(ada); !slices.Equal(got, []string{weekly.ID}) {
			t.Errorf("organiser: %v (the series of January has ended)", got)
		}
		if got := march(alan); !slices.Equal(got, []string{weekly.ID, single.ID}) {
			t.Errorf("attendee: %v", got)
		}
		if got := march(newID()); len(got) != 0 {
			t.Errorf("stranger: %v", got)
		}
	})
}

func TestTaskSeries(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	ctx := t.Context()
	project, other := newID(), newID()
	add := func(projectID string, spec domain.SeriesSpec) domain.TaskSeries {
		ts, err := domain.NewTaskSeries(domain.TaskSeriesInput{ProjectID: projectID, Title: "Water the plants", Spec: spec})
		if err != nil {
			t.Fatal(err)
		}
		ts.ID, ts.CreatedBy, ts.Version, ts.CreatedAt, ts.UpdatedAt = newID(), newID(), 1, now, now
		if err := s.InsertTaskSeries(ctx, ts); err != nil {
			t.Fatal(err)
		}
		return ts
	}
	open := add(project, domain.SeriesSpec{Start: "2026-01-02T18:00", Timezone: "America/New_York", RRule: "FREQ=MONTHLY;BYDAY=-1FR"})
	ended := add(project, domain.SeriesSpec{Start: "2026-01-01T09:00", Timezone: "Europe/Warsaw", RRule: "FREQ=DAILY;UNTIL=20260110"})
	after := add(project, domain.SeriesSpec{Start: "2026-03-05T08:00", Timezone: "Europe/Warsaw", Mode: domain.ModeAfterCompletion, Every: 2, Unit: domain.Weeks})
	add(other, domain.SeriesSpec{Start: "2026-01-01T09:00", Timezone: "UTC", RRule: "FREQ=DAILY"})

	got, err := s.TaskSeries(ctx, open.ID)
	if err != nil || got.Series.Spec() != open.Series.Spec() || got.Title != open.Title || !got.NextDue.Equal(open.NextDue) {
		t.Fatalf("read back %+v, %v", got, err)
	}
	if _, err := s.TaskSeries(ctx, newID()); !errors.Is(err, domain.ErrTaskSeriesNotFound) {
		t.Errorf("missing: %v", err)
	}
	inMarch, err := s.TaskSeriesOverlapping(ctx, []string{project}, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, ts := range inMarch {
		ids = append(ids, ts.ID)
	}
	if !slices.Contains(ids, open.ID) || !slices.Contains(ids, after.ID) || slices.Contains(ids, ended.ID) || len(ids) != 2 {
		t.Errorf("March: %v (want the open series and the after-completion one due then)", ids)
	}
	if none, _ := s.TaskSeriesOverlapping(ctx, nil, now, now.Add(time.Hour)); len(none) != 0 {
		t.Errorf("no projects: %v", none)
	}
}

func TestReminders(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	ctx := t.Context()
	user, target := newID(), newID()
	r := domain.Reminder{ID: newID(), UserID: user, Kind: domain.TargetMeeting, TargetID: target, MinutesBefore: 15, CreatedAt: now}
	if err := s.InsertReminder(ctx, r); err != nil {
		t.Fatal(err)
	}
	again := r
	again.ID = newID()
	if err := s.InsertReminder(ctx, again); !errors.Is(err, domain.ErrReminderExists) {
		t.Errorf("the same reminder twice: %v", err)
	}
	day := r
	day.ID, day.MinutesBefore = newID(), 24*60
	if err := s.InsertReminder(ctx, day); err != nil {
		t.Fatal(err)
	}
	got, err := s.Reminders(ctx, user, domain.TargetMeeting, target)
	if err != nil || len(got) != 2 || got[0].MinutesBefore != 24*60 || got[1].MinutesBefore != 15 {
		t.Fatalf("reminders %+v, %v", got, err)
	}
	if err := s.DeleteReminder(ctx, newID(), r.ID); !errors.Is(err, domain.ErrReminderNotFound) {
		t.Errorf("another user deletes it: %v", err)
	}
	if err := s.DeleteReminder(ctx, user, r.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Reminders(ctx, user, domain.TargetMeeting, target); len(got) != 1 {
		t.Errorf("after delete: %+v", got)
	}
}

func TestFeedTokens(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t, adapters.Migrations())
	s := adapters.NewStore(db)
	ctx := t.Context()
	user := newID()
	token, hash := domain.NewFeedToken()
	ft := domain.FeedToken{ID: newID(), UserID: user, Name: "Phone", Hash: hash, CreatedAt: now}
	if err := s.InsertFeedToken(ctx, ft); err != nil {
		t.Fatal(err)
	}
	var stored int64
	db.Raw("SELECT count(*) FROM feed_tokens WHERE position(convert_to(?, 'UTF8') in token_hash) > 0 OR name = ?", token, token).Scan(&stored)
	if stored != 0 {
		t.Error("the token itself is stored")
	}
	used, err := s.UseFeedToken(ctx, domain.HashFeedToken(token), now.Add(time.Minute))
	if err != nil || used.UserID != user || used.LastUsedAt == nil {
		t.Fatalf("use: %+v, %v", used, err)
	}
	for name, h := range map[string][]byte{"wrong": domain.HashFeedToken(token[:len(token)-1] + "x"), "malformed": domain.HashFeedToken("nope")} {
		if _, err := s.UseFeedToken(ctx, h, now); !errors.Is(err, domain.ErrFeedTokenInvalid) {
			t.Errorf("%s token: %v", name, err)
		}
	}
	if err := s.RevokeFeedToken(ctx, newID(), ft.ID, now); !errors.Is(err, domain.ErrFeedTokenNotFound) {
		t.Errorf("another user revokes it: %v", err)
	}
	if err := s.RevokeFeedToken(ctx, user, ft.ID, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UseFeedToken(ctx, domain.HashFeedToken(token), now); !errors.Is(err, domain.ErrFeedTokenInvalid) {
		t.Errorf("revoked token still opens the feed: %v", err)
	}
	if list, _ := s.FeedTokens(ctx, user); len(list) != 0 {
		t.Errorf("revoked token listed: %+v", list)
	}
	for i := range domain.MaxFeedTokens {
		_, h := domain.NewFeedToken()
		if err := s.InsertFeedToken(ctx, domain.FeedToken{ID: newID(), UserID: user, Hash: h, CreatedAt: now.Add(time.Duration(i) * time.Second)}); err != nil {
			t.Fatal(err)
		}
	}
	_, h := domain.NewFeedToken()
	if err := s.InsertFeedToken(ctx, domain.FeedToken{ID: newID(), UserID: user, Hash: h, CreatedAt: now}); !errors.Is(err, domain.ErrTooManyFeedTokens) {
		t.Errorf("token over the limit: %v", err)
	}
}
