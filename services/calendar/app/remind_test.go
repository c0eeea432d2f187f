package app_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/calendar/adapters"
	"github.com/taskrocket/taskrocket/services/calendar/app"
	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// notices records the notices scheduled per reminder.
type notices struct {
	mu sync.Mutex
	at map[string]time.Time // reminder id + "/" + notice
}

func (n *notices) Schedule(_ context.Context, id, notice string, at time.Time) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.at == nil {
		n.at = map[string]time.Time{}
	}
	n.at[id+"/"+notice] = at
	return nil
}

func (n *notices) Unschedule(_ context.Context, id, notice string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	delete(n.at, id+"/"+notice)
	return nil
}

func (n *notices) next(id string) (time.Time, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	at, ok := n.at[id+"/"+app.NoticeNext]
	return at, ok
}

// published are the reminder.due events stored for publication.
func published(t *testing.T, db *gorm.DB) []contracts.ReminderDue {
	t.Helper()
	var rows []struct{ Payload []byte }
	if err := db.Raw(`SELECT payload FROM outbox_events WHERE event_type = ? ORDER BY created_at, id`, contracts.EventReminderDue).
		Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := make([]contracts.ReminderDue, len(rows))
	for i, r := range rows {
		var ev struct{ Data contracts.ReminderDue }
		if err := json.Unmarshal(r.Payload, &ev); err != nil {
			t.Fatal(err)
		}
		out[i] = ev.Data
	}
	return out
}

func codeOf(err error) string {
	var e *apperr.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// TestTaskReminders: "1 day before" and "at 9:00 on the due date" (the
// task's zone) come on time, once however often the schedule is
// delivered; they follow the task when its date moves; a snooze brings
// the notice again once; a former member hears nothing.
func TestTaskReminders(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	store := adapters.NewStore(db)
	ctx := t.Context()
	ada, grace, mine := newID(), newID(), newID()
	members := projects{ada: {mine}, grace: {}}
	clock := at("2026-03-01T12:00:00Z")
	a := app.New(store, members)
	a.Now = func() time.Time { return clock }
	sched := &notices{}
	a.Notices = sched

	task := domain.Task{ID: newID(), ProjectID: mine, Title: "Pay rent", Status: "todo", DueAt: ptr(at("2026-03-10T15:00:00Z")),
		Timezone: "Europe/Warsaw", Version: 1, UpdatedAt: clock}
	if err := a.TaskChanged(ctx, task); err != nil {
		t.Fatal(err)
	}
	dayBefore, err := a.CreateReminder(ctx, ada, app.ReminderInput{Kind: domain.TargetTask, TargetID: task.ID, MinutesBefore: 1440})
	if err != nil {
		t.Fatal(err)
	}
	morning, err := a.CreateReminder(ctx, ada, app.ReminderInput{Kind: domain.TargetTask, TargetID: task.ID, AtTime: "09:00"})
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		id   string
		want string
	}{"day-before": {dayBefore.ID, "2026-03-09T15:00:00Z"}, "morning": {morning.ID, "2026-03-10T08:00:00Z"}} {
		if got, ok := sched.next(c.id); !ok || !got.Equal(at(c.want)) {
			t.Errorf("%s: scheduled at %v (%v), want %s", name, got, ok, c.want)
		}
	}
	for name, in := range map[string]app.ReminderInput{
		"stranger-task": {Kind: domain.TargetTask, TargetID: newID(), MinutesBefore: 10},
		"bad-time":      {Kind: domain.TargetTask, TargetID: task.ID, AtTime: "25:00"},
	} {
		if _, err := a.CreateReminder(ctx, ada, in); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := a.CreateReminder(ctx, grace, app.ReminderInput{Kind: domain.TargetTask, TargetID: task.ID}); codeOf(err) != "task_not_found" {
		t.Errorf("a stranger's reminder: %v", err)
	}

	// Early (an old schedule): nothing published, scheduled again.
	clock = at("2026-03-05T00:00:00Z")
	if err := a.FireReminder(ctx, dayBefore.ID, app.NoticeNext); err != nil {
		t.Fatal(err)
	}
	if got := published(t, db); len(got) != 0 {
		t.Fatalf("published early: %+v", got)
	}
	// On time, delivered twice: one notice.
	clock = at("2026-03-09T15:00:00Z")
	for range 2 {
		if err := a.FireReminder(ctx, dayBefore.ID, app.NoticeNext); err != nil {
			t.Fatal(err)
		}
	}
	got := published(t, db)
	if len(got) != 1 || got[0].ReminderID != dayBefore.ID || got[0].UserID != ada || got[0].Kind != "task" || got[0].Title != "Pay rent" ||
		!got[0].At.Equal(*task.DueAt) || got[0].TaskID == nil || *got[0].TaskID != task.ID || *got[0].ProjectID != mine ||
		got[0].Timezone != "Europe/Warsaw" || got[0].Snoozed {
		t.Fatalf("published %+v", got)
	}
	if _, ok := sched.next(dayBefore.ID); ok {
		t.Error("a reminder of a task is scheduled again after its notice")
	}

	// Snoozed for 10 minutes: once more, marked snoozed.
	if _, err := a.Snooze(ctx, grace, dayBefore.ID, 10); codeOf(err) != "reminder_not_found" {
		t.Errorf("another user's snooze: %v", err)
	}
	if _, err := a.Snooze(ctx, ada, morning.ID, 10); codeOf(err) != "reminder_not_delivered" {
		t.Errorf("snoozing a reminder not come yet: %v", err)
	}
	if _, err := a.Snooze(ctx, ada, dayBefore.ID, 0); codeOf(err) != "invalid_snooze" {
		t.Errorf("a snooze of 0 minutes: %v", err)
	}
	r, err := a.Snooze(ctx, ada, dayBefore.ID, 10)
	if err != nil || r.SnoozeUntil == nil || !r.SnoozeUntil.Equal(at("2026-03-09T15:10:00Z")) {
		t.Fatalf("snooze: %+v %v", r, err)
	}
	clock = at("2026-03-09T15:10:00Z")
	for range 2 {
		if err := a.FireReminder(ctx, dayBefore.ID, app.NoticeSnooze); err != nil {
			t.Fatal(err)
		}
	}
	if got := published(t, db); len(got) != 2 || !got[1].Snoozed || !got[1].At.Equal(*task.DueAt) {
		t.Fatalf("after the snooze: %+v", got)
	}

	// The task moves two days later: both reminders follow it.
	task.DueAt, task.Version = ptr(at("2026-03-12T15:00:00Z")), 2
	if err := a.TaskChanged(ctx, task); err != nil {
		t.Fatal(err)
	}
	if got, _ := sched.next(dayBefore.ID); !got.Equal(at("2026-03-11T15:00:00Z")) {
		t.Errorf("1 day before the moved task: %v", got)
	}
	if got, _ := sched.next(morning.ID); !got.Equal(at("2026-03-12T08:00:00Z")) {
		t.Errorf("9:00 on the moved task's date: %v", got)
	}

	// Ada leaves the project: the morning reminder publishes nothing.
	members[ada] = nil
	clock = at("2026-03-12T08:00:00Z")
	if err := a.FireReminder(ctx, morning.ID, app.NoticeNext); err != nil {
		t.Fatal(err)
	}
	if got := published(t, db); len(got) != 2 {
		t.Errorf("a former member was reminded: %+v", got)
	}
}

// TestMeetingReminderCatchesUp: a weekly meeting's reminder that could
// not come for three weeks publishes the latest occurrence only, then
// the next one is scheduled.
func TestMeetingReminderCatchesUp(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	store := adapters.NewStore(db)
	ctx := t.Context()
	ada := newID()
	clock := at("2026-03-01T12:00:00Z")
	a := app.New(store, projects{ada: {}})
	a.Now = func() time.Time { return clock }
	sched := &notices{}
	a.Notices = sched
	m, err := a.CreateMeeting(ctx, ada, domain.MeetingInput{Title: "Stand-up", Start: "2026-03-02T09:00", End: "2026-03-02T09:15",
		Timezone: "Europe/Warsaw", RRule: "FREQ=WEEKLY"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.CreateReminder(ctx, ada, app.ReminderInput{Kind: domain.TargetMeeting, TargetID: m.ID, MinutesBefore: 15})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := sched.next(r.ID); !got.Equal(at("2026-03-02T07:45:00Z")) {
		t.Fatalf("first notice at %v", got)
	}
	clock = at("2026-03-23T08:00:00Z")
	if err := a.FireReminder(ctx, r.ID, app.NoticeNext); err != nil {
		t.Fatal(err)
	}
	got := published(t, db)
	if len(got) != 1 || !got[0].At.Equal(at("2026-03-23T08:00:00Z")) || got[0].Kind != "meeting" || got[0].ProjectID != nil {
		t.Fatalf("published %+v", got)
	}
	// 30 March is summer time in Warsaw: 09:00 is 07:00 UTC.
	if next, _ := sched.next(r.ID); !next.Equal(at("2026-03-30T06:45:00Z")) {
		t.Errorf("next notice at %v", next)
	}
	if err := a.DeleteReminder(ctx, ada, r.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := sched.next(r.ID); ok {
		t.Error("a deleted reminder is still scheduled")
	}
	if err := a.FireReminder(ctx, r.ID, app.NoticeNext); err != nil {
		t.Fatal(err)
	}
}

// TestSeriesReminderGoesWithItsSeries: a reminder about a recurring task
// is scheduled at its next occurrence, follows a pause, and is deleted
// (and cancelled) with the series.
func TestSeriesReminderGoesWithItsSeries(t *testing.T) {
	t.Parallel()
	store := adapters.NewStore(pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations()))
	ctx := t.Context()
	ada, mine := newID(), newID()
	clock := at("2026-03-01T12:00:00Z")
	a := app.New(store, projects{ada: {mine}})
	a.Now = func() time.Time { return clock }
	sched := &notices{}
	a.Notices, a.Scheduler = sched, &scheduler{}
	ts, err := a.CreateTaskSeries(ctx, ada, domain.TaskSeriesInput{ProjectID: mine, Title: "Timesheet",
		Spec: domain.SeriesSpec{Start: "2026-03-02T17:00", Timezone: "Europe/Warsaw", RRule: "FREQ=WEEKLY"}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.CreateReminder(ctx, ada, app.ReminderInput{Kind: domain.TargetTaskSeries, TargetID: ts.ID, AtTime: "09:00"})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := sched.next(r.ID); !got.Equal(at("2026-03-02T08:00:00Z")) {
		t.Errorf("first notice at %v", got)
	}
	if _, err := a.ChangeTaskSeries(ctx, ada, ts.ID, app.SeriesChange{Status: domain.SeriesPaused}); err != nil {
		t.Fatal(err)
	}
	if _, ok := sched.next(r.ID); ok {
		t.Error("a paused series' reminder is still scheduled")
	}
	if _, err := a.ChangeTaskSeries(ctx, ada, ts.ID, app.SeriesChange{Status: domain.SeriesActive}); err != nil {
		t.Fatal(err)
	}
	if _, ok := sched.next(r.ID); !ok {
		t.Error("a resumed series' reminder is not scheduled")
	}
	if err := a.DeleteTaskSeries(ctx, ada, ts.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := a.Reminders(ctx, ada); len(list) != 0 {
		t.Errorf("reminders of a deleted series: %+v", list)
	}
	if _, ok := sched.next(r.ID); ok {
		t.Error("a deleted series' reminder is still scheduled")
	}
}
