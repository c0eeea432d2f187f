package ports_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/apitest"
	"github.com/taskrocket/taskrocket/services/platform/events"
)

// task is a task as the API returns it.
type task struct {
	ID              string   `json:"id"`
	ProjectID       string   `json:"projectId"`
	ParentID        *string  `json:"parentId"`
	Title           string   `json:"title"`
	Description     string   `json:"description"`
	Status          string   `json:"status"`
	Priority        string   `json:"priority"`
	StartAt         *string  `json:"startAt"`
	DueAt           *string  `json:"dueAt"`
	Timezone        *string  `json:"timezone"`
	EstimateMinutes int      `json:"estimateMinutes"`
	AssigneeIDs     []string `json:"assigneeIds"`
	CategoryID      *string  `json:"categoryId"`
	TagIDs          []string `json:"tagIds"`
	Position        string   `json:"position"`
	DoneAt          *string  `json:"doneAt"`
	Version         int64    `json:"version"`
	CreatedBy       string   `json:"createdBy"`
	CreatedAt       string   `json:"createdAt"`
	UpdatedAt       string   `json:"updatedAt"`
	// The priorities service's answer.
	EffectivePriority       string  `json:"effectivePriority"`
	EffectivePriorityReason *string `json:"effectivePriorityReason"`
}

type taskList struct {
	Items      []task           `json:"items"`
	NextCursor string           `json:"nextCursor"`
	Counts     map[string]int64 `json:"counts"`
}

func decodeBody[T any](t *testing.T, res response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(res.Body, &v); err != nil {
		t.Fatalf("decode %s: %v", res.Body, err)
	}
	return v
}

// createTask creates a task in a project and returns it.
func (e *env) createTask(as user, projectID string, body map[string]any) task {
	e.t.Helper()
	res := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/projects/" + projectID + "/tasks", Token: as.Token, Body: body})
	return decodeBody[task](e.t, res)
}

func (e *env) getTask(as user, id string) task {
	e.t.Helper()
	return decodeBody[task](e.t, e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/tasks/" + id, Token: as.Token}))
}

func (e *env) patchTask(as user, id string, body any) task {
	e.t.Helper()
	return decodeBody[task](e.t, e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/tasks/" + id, Token: as.Token, Body: body}))
}

func (e *env) list(as user, path string) taskList {
	e.t.Helper()
	return decodeBody[taskList](e.t, e.must(http.StatusOK, req{Method: "GET", Path: path, Token: as.Token}))
}

// createLabel creates a category or tag ("categories" or "tags") and
// returns its id.
func (e *env) createLabel(as user, projectID, kind, name string) string {
	e.t.Helper()
	res := e.must(http.StatusCreated, req{Method: "POST", Path: fmt.Sprintf("/api/v1/projects/%s/%s", projectID, kind),
		Token: as.Token, Body: map[string]any{"name": name}})
	return res.JSON(e.t)["id"].(string)
}

// counts returns the number of rows of each table.
func (e *env) counts() map[string]int64 {
	e.t.Helper()
	return apitest.CountRows(e.t, e.db, "tasks", "task_assignees", "task_tags", "categories", "tags", "outbox_events")
}

// outboxEvents returns the stored events of one type, oldest first, after
// checking each one's envelope and its payload against the event type's
// JSON Schema.
func (e *env) outboxEvents(eventType string) []events.Event {
	e.t.Helper()
	return e.outbox.Events(e.t, eventType)
}

func mustEqual[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Fatalf("%s = %v, want %v", what, got, want)
	}
}

// json sends r, requires a 200 and returns the body as an object.
func (e *env) json(r req) map[string]any {
	e.t.Helper()
	return e.must(http.StatusOK, r).JSON(e.t)
}
