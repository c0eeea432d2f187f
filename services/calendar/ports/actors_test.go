package ports_test

import (
	"net/http"
	"testing"
	"time"
)

// TestSeriesActorReminder: the sidecar's actor callbacks need the app
// token; a reminder delivered twice creates one occurrence and schedules
// the next.
func TestSeriesActorReminder(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.user()
	project := e.projects.project(ada.ID)
	task := "01900000-0000-7000-8000-000000000001"
	s := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/series", Token: ada.Token, Body: map[string]any{
		"projectId": project, "taskId": task, "title": "Stand-up notes", "start": "2026-03-01T09:00", "timezone": "UTC", "preset": "daily",
	}}).JSON(t)
	id := s["id"].(string)

	cfg := e.must(http.StatusOK, req{Method: "GET", Path: "/dapr/config", AppToken: appToken}).JSON(t)
	if cfg["entities"].([]any)[0] != "TaskSeries" {
		t.Errorf("actor config %v", cfg)
	}
	remind := "/actors/TaskSeries/" + id + "/method/remind/next"
	e.api.Refuse(t, http.StatusUnauthorized, "sidecar_token_required", req{Method: "PUT", Path: remind, Body: map[string]any{}})
	e.api.Refuse(t, http.StatusUnauthorized, "sidecar_token_required", req{Method: "GET", Path: "/dapr/config"})

	e.clock.Advance(time.Hour) // 09:00 UTC, the first occurrence
	for range 2 {
		e.must(http.StatusOK, req{Method: "PUT", Path: remind, AppToken: appToken, Body: map[string]any{"dueTime": "0s"}})
	}
	if n := e.tasks.count(); n != 1 {
		t.Fatalf("%d occurrences", n)
	}
	if o := e.tasks.created[0]; o.TaskID != task || o.Key != id+"@20260301T090000Z" || o.CreatedBy != ada.ID {
		t.Errorf("occurrence %+v", o)
	}
	if at, _ := e.scheduler.scheduled(id); !at.Equal(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("next at %v", at)
	}
	e.must(http.StatusOK, req{Method: "DELETE", Path: "/actors/TaskSeries/" + id, AppToken: appToken})
}
