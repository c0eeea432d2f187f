package ports_test

import (
	"net/http"
	"testing"
)

// TestOccurrences: the calendar creates a recurring task's occurrence as
// a copy of its task, once per key; nobody else may call the route.
func TestOccurrences(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner, other := e.user(), e.user()
	project := e.projects.project(owner.ID, other.ID)
	src := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/projects/" + project + "/tasks", Token: owner.Token,
		Body: map[string]any{"title": "Water the plants", "description": "All of them", "priority": "high", "assigneeIds": []string{other.ID}}}).JSON(t)
	body := map[string]any{"key": "series-1@20261127T090000Z", "projectId": project, "sourceTaskId": src["id"], "title": "ignored",
		"createdBy": owner.ID, "dueAt": "2026-11-27T09:00:00Z", "timezone": "Europe/Warsaw"}
	calendar := map[string]string{"dapr-caller-app-id": "calendar"}
	first := e.must(http.StatusCreated, req{Method: "POST", Path: "/internal/occurrences", AppToken: appToken, Header: calendar, Body: body}).JSON(t)
	again := e.must(http.StatusCreated, req{Method: "POST", Path: "/internal/occurrences", AppToken: appToken, Header: calendar, Body: body}).JSON(t)
	if first["id"] != again["id"] || first["id"] == src["id"] {
		t.Fatalf("occurrence %v, again %v", first, again)
	}
	task := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/tasks/" + first["id"].(string), Token: other.Token}).JSON(t)
	if task["title"] != "Water the plants" || task["description"] != "All of them" || task["priority"] != "high" ||
		task["dueAt"] != "2026-11-27T09:00:00Z" || len(task["assigneeIds"].([]any)) != 1 {
		t.Errorf("occurrence %v", task)
	}

	e.api.Refuse(t, http.StatusUnauthorized, "sidecar_token_required", req{Method: "POST", Path: "/internal/occurrences", Header: calendar, Body: body})
	e.api.Refuse(t, http.StatusForbidden, "caller_not_allowed", req{Method: "POST", Path: "/internal/occurrences", AppToken: appToken,
		Header: map[string]string{"dapr-caller-app-id": "gateway"}, Body: body})
	body["key"], body["createdBy"] = "series-1@other", e.user().ID
	e.api.Refuse(t, http.StatusNotFound, "project_not_found", req{Method: "POST", Path: "/internal/occurrences", AppToken: appToken, Header: calendar, Body: body})
}
