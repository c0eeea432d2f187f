package app_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/calendar/adapters"
	"github.com/taskrocket/taskrocket/services/calendar/app"
	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// scheduler records what is scheduled per series.
type scheduler struct {
	mu  sync.Mutex
	at  map[string]time.Time
	log []string
}

func (s *scheduler) Schedule(_ context.Context, id string, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.at == nil {
		s.at = map[string]time.Time{}
	}
	s.at[id] = at
	s.log = append(s.log, "schedule "+id+" "+at.UTC().Format(time.RFC3339))
	return nil
}

func (s *scheduler) Unschedule(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.at, id)
	s.log = append(s.log, "unschedule "+id)
	return nil
}

// tasks creates one task id per occurrence key.
type tasks struct {
	mu    sync.Mutex
	byKey map[string]string
}

func (f *tasks) CreateOccurrence(_ context.Context, o app.Occurrence) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.byKey == nil {
		f.byKey = map[string]string{}
	}
	if id, ok := f.byKey[o.Key]; ok {
		return id, nil
	}
	id := newID()
	f.byKey[o.Key] = id
	return id, nil
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr[T any](v T) *T { return &v }

// TestRangeTasks: the caller's projects' tasks due in the window show
// with their status; an occurrence already created shows once, as its
// task (also when its date was moved); the rest of the series is
// projected; an older event, a deleted task, another project's task and
// one without a date do not show.
func TestRangeTasks(t *testing.T) {
	t.Parallel()
	store := adapters.NewStore(pgtest.NewDB(t, adapters.Migrations()))
	ctx := t.Context()
	ada, mine, theirs := newID(), newID(), newID()
	clock := at("2026-03-02T00:00:00Z")
	a := app.New(store, projects{ada: {mine}})
	a.Now = func() time.Time { return clock }
	fake := &tasks{}
	a.Tasks, a.Scheduler = fake, &scheduler{}

	put := func(tk domain.Task) {
		t.Helper()
		if tk.Version == 0 {
			tk.Version = 1
		}
		if tk.UpdatedAt.IsZero() {
			tk.UpdatedAt = created
		}
		if err := a.TaskChanged(ctx, tk); err != nil {
			t.Fatal(err)
		}
	}
	report := newID()
	put(domain.Task{ID: report, ProjectID: mine, Title: "Report", Status: "todo", DueAt: ptr(at("2026-03-03T16:00:00Z")), Timezone: "Europe/Warsaw"})
	put(domain.Task{ID: report, ProjectID: mine, Title: "Report v2", Status: "in_progress", DueAt: ptr(at("2026-03-04T16:00:00Z")), Timezone: "Europe/Warsaw", Version: 2})
	put(domain.Task{ID: report, ProjectID: mine, Title: "Report (stale)", Status: "todo", DueAt: ptr(at("2026-03-03T16:00:00Z")), Version: 1})
	put(domain.Task{ID: newID(), ProjectID: theirs, Title: "Not Ada's", Status: "todo", DueAt: ptr(at("2026-03-03T10:00:00Z"))})
	put(domain.Task{ID: newID(), ProjectID: mine, Title: "Undated", Status: "todo"})
	gone := newID()
	put(domain.Task{ID: gone, ProjectID: mine, Title: "Gone", Status: "todo", DueAt: ptr(at("2026-03-05T10:00:00Z"))})
	if err := a.TaskDeleted(ctx, mine, gone); err != nil {
		t.Fatal(err)
	}
	put(domain.Task{ID: gone, ProjectID: mine, Title: "Gone (late event)", Status: "todo", DueAt: ptr(at("2026-03-05T10:00:00Z")), Version: 5})

	daily, err := a.CreateTaskSeries(ctx, ada, domain.TaskSeriesInput{ProjectID: mine, Title: "Water plants",
		Spec: domain.SeriesSpec{Start: "2026-03-02T09:00", Timezone: "UTC", RRule: "FREQ=DAILY;COUNT=4"}})
	if err != nil {
		t.Fatal(err)
	}
	clock = at("2026-03-02T09:00:00Z")
	if err := a.Fire(ctx, daily.ID); err != nil { // creates the occurrence of 2 March
		t.Fatal(err)
	}
	first := fake.byKey[app.OccurrenceKey(daily.ID, at("2026-03-02T09:00:00Z"))]
	// The tasks service announces it, then someone moves it to the 3rd.
	put(domain.Task{ID: first, ProjectID: mine, Title: "Water plants", Status: "todo", DueAt: ptr(at("2026-03-02T09:00:00Z"))})
	put(domain.Task{ID: first, ProjectID: mine, Title: "Water plants", Status: "done", DueAt: ptr(at("2026-03-03T12:00:00Z")), Version: 2})

	cal, err := a.Range(ctx, ada, at("2026-03-02T00:00:00Z"), at("2026-03-09T00:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id, title, start, taskID, seriesID, status string
		projected                                  bool
	}
	var got []row
	for _, e := range cal.Entries {
		got = append(got, row{e.ID, e.Title, e.Start.UTC().Format(time.RFC3339), e.TaskID, e.SeriesID, e.Status, e.Projected})
	}
	want := []row{
		{daily.ID, "Water plants", "2026-03-03T09:00:00Z", "", daily.ID, "", true},
		{first, "Water plants", "2026-03-03T12:00:00Z", first, daily.ID, "done", false},
		{daily.ID, "Water plants", "2026-03-04T09:00:00Z", "", daily.ID, "", true},
		{report, "Report v2", "2026-03-04T16:00:00Z", report, "", "in_progress", false},
		{daily.ID, "Water plants", "2026-03-05T09:00:00Z", "", daily.ID, "", true},
	}
	if !slices.Equal(got, want) {
		t.Errorf("entries:\n got %+v\nwant %+v", got, want)
	}
	if e := cal.Entries[3]; e.Timezone != "Europe/Warsaw" || e.Kind != app.EntryTask || e.Recurring {
		t.Errorf("report entry %+v", e)
	}

	t.Run("left-the-project", func(t *testing.T) {
		t.Parallel()
		b := app.New(store, projects{ada: {}})
		cal, err := b.Range(ctx, ada, at("2026-03-02T00:00:00Z"), at("2026-03-09T00:00:00Z"))
		if err != nil || len(cal.Entries) != 0 {
			t.Errorf("a former member sees %+v (%v)", cal.Entries, err)
		}
	})
}

// TestAfterCompletion: completing the task of an after-completion
// series' occurrence schedules the next one the series' interval after
// the day of completion, once however often the event comes; completing
// another task or an older occurrence changes nothing.
func TestAfterCompletion(t *testing.T) {
	t.Parallel()
	store := adapters.NewStore(pgtest.NewDB(t, adapters.Migrations()))
	ctx := t.Context()
	ada, mine := newID(), newID()
	clock := at("2026-03-01T08:00:00Z")
	a := app.New(store, projects{ada: {mine}})
	a.Now = func() time.Time { return clock }
	fake, sched := &tasks{}, &scheduler{}
	a.Tasks, a.Scheduler = fake, sched

	ts, err := a.CreateTaskSeries(ctx, ada, domain.TaskSeriesInput{ProjectID: mine, Title: "Water plants",
		Spec: domain.SeriesSpec{Start: "2026-03-02T09:00", Timezone: "Europe/Warsaw", Mode: domain.ModeAfterCompletion, Every: 3, Unit: domain.Days}})
	if err != nil {
		t.Fatal(err)
	}
	firstDue := ts.NextDue
	clock = firstDue
	if err := a.Fire(ctx, ts.ID); err != nil {
		t.Fatal(err)
	}
	first := fake.byKey[app.OccurrenceKey(ts.ID, firstDue)]
	if first == "" {
		t.Fatal("the first occurrence was not created")
	}
	if _, ok := sched.at[ts.ID]; ok {
		t.Fatalf("an after-completion series is scheduled before its task is completed: %v", sched.log)
	}
	if err := a.TaskCompleted(ctx, newID(), clock); err != nil { // some other task
		t.Fatal(err)
	}
	completed := at("2026-03-04T22:30:00Z") // 23:30 in Warsaw, 4 March
	for range 3 {                           // redelivered
		if err := a.TaskCompleted(ctx, first, completed); err != nil {
			t.Fatal(err)
		}
	}
	got, err := a.TaskSeries(ctx, ada, ts.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := at("2026-03-07T08:00:00Z") // 7 March 09:00 Warsaw
	if !got.NextDue.Equal(want) || got.Version != ts.Version+1 {
		t.Errorf("next due %s (version %d), want %s (version %d)", got.NextDue, got.Version, want, ts.Version+1)
	}
	if !sched.at[ts.ID].Equal(want) {
		t.Errorf("scheduled %v, want %s", sched.log, want)
	}

	// The schedule comes: the second occurrence is created; completing
	// the first one again (reopened) changes nothing.
	clock = want
	if err := a.Fire(ctx, ts.ID); err != nil {
		t.Fatal(err)
	}
	if fake.byKey[app.OccurrenceKey(ts.ID, want)] == "" {
		t.Fatal("the second occurrence was not created")
	}
	if err := a.TaskCompleted(ctx, first, at("2026-03-08T10:00:00Z")); err != nil {
		t.Fatal(err)
	}
	if again, _ := a.TaskSeries(ctx, ada, ts.ID); !again.NextDue.Equal(want) {
		t.Errorf("an older occurrence moved the series to %s", again.NextDue)
	}
}
