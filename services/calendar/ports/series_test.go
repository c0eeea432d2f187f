package ports_test

import (
	"net/http"
	"testing"
	"time"
)

// TestSeriesLifecycle: a recurring task is scheduled when created,
// unscheduled when paused, scheduled again when resumed, skips one
// occurrence, and once stopped never again.
func TestSeriesLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, eve := e.user(), e.user()
	project := e.projects.project(ada.ID)
	s := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/series", Token: ada.Token, Body: map[string]any{
		"projectId": project, "title": "Water the plants", "start": "2026-03-02T09:00", "timezone": "Europe/Warsaw", "preset": "every_weekday",
	}}).JSON(t)
	id := s["id"].(string)
	path := "/api/v1/calendar/series/" + id
	if s["nextDueAt"] != "2026-03-02T08:00:00Z" || s["status"] != "active" || s["summary"] != "every weekday" {
		t.Errorf("series %v", s)
	}
	if at, ok := e.scheduler.scheduled(id); !ok || !at.Equal(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("scheduled %v %v", at, ok)
	}

	e.refuse(http.StatusNotFound, "task_series_not_found", req{Method: "GET", Path: path, Token: eve.Token})
	e.refuse(http.StatusNotFound, "task_series_not_found", req{Method: "PATCH", Path: path, Token: eve.Token, Body: map[string]any{"status": "stopped"}})
	e.refuse(http.StatusNotFound, "project_not_found", req{Method: "GET", Path: "/api/v1/calendar/series?projectId=" + project, Token: eve.Token})
	list := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/calendar/series?projectId=" + project, Token: ada.Token}).JSON(t)
	if len(list["items"].([]any)) != 1 {
		t.Errorf("list %v", list)
	}

	// Skip Monday: the next is Tuesday.
	s = e.must(http.StatusOK, req{Method: "POST", Path: path + "/skip", Token: ada.Token, Body: map[string]any{"dueAt": "2026-03-02T08:00:00Z"}}).JSON(t)
	if s["nextDueAt"] != "2026-03-03T08:00:00Z" {
		t.Errorf("after skip %v", s)
	}
	e.refuse(http.StatusBadRequest, "not_an_occurrence", req{Method: "POST", Path: path + "/skip", Token: ada.Token, Body: map[string]any{"dueAt": "2026-03-07T08:00:00Z"}})

	s = e.must(http.StatusOK, req{Method: "PATCH", Path: path, Token: ada.Token, Body: map[string]any{"status": "paused"}}).JSON(t)
	if _, ok := e.scheduler.scheduled(id); ok || s["nextDueAt"] != nil {
		t.Errorf("paused series still scheduled: %v", s)
	}
	e.must(http.StatusOK, req{Method: "PATCH", Path: path, Token: ada.Token, Body: map[string]any{"status": "active", "title": "Water the ferns"}})
	if at, ok := e.scheduler.scheduled(id); !ok || !at.Equal(time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("resumed: scheduled %v %v", at, ok)
	}
	e.refuse(http.StatusBadRequest, "invalid_series_status", req{Method: "PATCH", Path: path, Token: ada.Token, Body: map[string]any{"status": "sleeping"}})

	// The schedule fires: one task, however often it is delivered.
	due := time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)
	e.clock.Advance(due.Sub(start))
	for range 2 {
		if err := e.app.Fire(t.Context(), id); err != nil {
			t.Fatal(err)
		}
	}
	if n := e.tasks.count(); n != 1 {
		t.Fatalf("%d occurrences created for one date", n)
	}
	if o := e.tasks.created[0]; o.Title != "Water the ferns" || !o.DueAt.Equal(due) || o.ProjectID != project {
		t.Errorf("occurrence %+v", o)
	}
	if at, _ := e.scheduler.scheduled(id); !at.Equal(due.AddDate(0, 0, 1)) {
		t.Errorf("next scheduled %v", at)
	}

	e.must(http.StatusOK, req{Method: "PATCH", Path: path, Token: ada.Token, Body: map[string]any{"status": "stopped"}})
	if _, ok := e.scheduler.scheduled(id); ok {
		t.Error("stopped series still scheduled")
	}
	if err := e.app.Fire(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	if n := e.tasks.count(); n != 1 {
		t.Errorf("a stopped series created a task (%d)", n)
	}
	e.refuse(http.StatusConflict, "series_stopped", req{Method: "PATCH", Path: path, Token: ada.Token, Body: map[string]any{"status": "active"}})

	e.projects.archive(project)
	e.refuse(http.StatusForbidden, "project_archived", req{Method: "DELETE", Path: path, Token: ada.Token})
}

// TestSeriesDelete: a deleted series is unscheduled and gone.
func TestSeriesDelete(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.user()
	project := e.projects.project(ada.ID)
	s := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/series", Token: ada.Token, Body: map[string]any{
		"projectId": project, "title": "Invoice", "start": "2026-03-31T10:00", "timezone": "America/New_York",
		"mode": "after_completion", "every": 2, "unit": "weeks",
	}}).JSON(t)
	path := "/api/v1/calendar/series/" + s["id"].(string)
	if s["every"] != 2.0 || s["unit"] != "weeks" || s["rrule"] != nil {
		t.Errorf("series %v", s)
	}
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: path, Token: ada.Token})
	if _, ok := e.scheduler.scheduled(s["id"].(string)); ok {
		t.Error("deleted series still scheduled")
	}
	e.refuse(http.StatusNotFound, "task_series_not_found", req{Method: "GET", Path: path, Token: ada.Token})
}

// TestSeriesNotKeptWhenUnscheduled: a recurring task the scheduler cannot
// take is refused (503) and not kept.
func TestSeriesNotKeptWhenUnscheduled(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.user()
	project := e.projects.project(ada.ID)
	e.scheduler.fail(true)
	e.refuse(http.StatusServiceUnavailable, "scheduler_unavailable", req{Method: "POST", Path: "/api/v1/calendar/series", Token: ada.Token,
		Body: map[string]any{"projectId": project, "title": "Report", "start": "2026-03-02T09:00", "timezone": "UTC", "preset": "daily"}})
	if n := e.rows()["task_series"]; n != 0 {
		t.Errorf("%d series kept", n)
	}
}
