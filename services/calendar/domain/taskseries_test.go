package domain_test

import (
	"errors"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

func newSeries(t *testing.T, rrule string) domain.TaskSeries {
	t.Helper()
	ts, err := domain.NewTaskSeries(domain.TaskSeriesInput{ProjectID: "01900000-0000-7000-8000-000000000001", Title: "Report",
		Spec: domain.SeriesSpec{Start: "2026-03-27T09:00", Timezone: "Europe/Warsaw", RRule: rrule}})
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// TestTaskSeriesLifecycle: a skipped date is left out of the projection
// and of the schedule; a paused or stopped series has no next date; a
// stopped one cannot be resumed.
func TestTaskSeriesLifecycle(t *testing.T) {
	t.Parallel()
	ts := newSeries(t, "FREQ=DAILY;COUNT=4")
	warsaw, _ := time.LoadLocation("Europe/Warsaw")
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, warsaw) }

	if err := ts.Skip(day(29)); err != nil { // the DST change: 09:00 CEST
		t.Fatal(err)
	}
	if err := ts.Skip(day(29).Add(time.Hour)); !errors.Is(err, domain.ErrNotAnOccurrence) {
		t.Errorf("skip of a time that is no occurrence: %v", err)
	}
	due, _ := ts.Occurrences(day(1), day(31), 10)
	if len(due) != 3 || !due[0].Equal(day(27)) || !due[1].Equal(day(28)) || !due[2].Equal(day(30)) {
		t.Errorf("occurrences %v", due)
	}
	if next, ok := ts.Next(day(28)); !ok || !next.Equal(day(30)) {
		t.Errorf("next after the 28th: %v %v", next, ok)
	}
	if _, ok := ts.Next(day(30)); ok {
		t.Error("a series of 4 has a fifth date")
	}

	if err := ts.SetStatus(domain.SeriesPaused); err != nil {
		t.Fatal(err)
	}
	if _, ok := ts.Next(day(1)); ok {
		t.Error("a paused series has a next date")
	}
	if due, _ := ts.Occurrences(day(1), day(31), 10); len(due) != 0 {
		t.Errorf("a paused series shows %v", due)
	}
	if err := ts.SetStatus(domain.SeriesActive); err != nil {
		t.Fatal(err)
	}
	if err := ts.SetStatus(domain.SeriesStopped); err != nil {
		t.Fatal(err)
	}
	for _, to := range []domain.SeriesStatus{domain.SeriesActive, domain.SeriesPaused} {
		if err := ts.SetStatus(to); !errors.Is(err, domain.ErrSeriesStopped) {
			t.Errorf("stopped -> %s: %v", to, err)
		}
	}
	if err := ts.Skip(day(30)); !errors.Is(err, domain.ErrSeriesStopped) {
		t.Errorf("skip in a stopped series: %v", err)
	}
	if err := ts.SetStatus("sleeping"); !errors.Is(err, domain.ErrInvalidSeriesStatus) {
		t.Errorf("unknown status: %v", err)
	}
}
