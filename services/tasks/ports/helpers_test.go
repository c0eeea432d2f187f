package ports_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/tasks/app"
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
	res := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/projects/" + projectID + "/tasks", As: as, Body: body})
	return decodeBody[task](e.t, res)
}

func (e *env) getTask(as user, id string) task {
	e.t.Helper()
	return decodeBody[task](e.t, e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/tasks/" + id, As: as}))
}

func (e *env) patchTask(as user, id string, body any) task {
	e.t.Helper()
	return decodeBody[task](e.t, e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/tasks/" + id, As: as, Body: body}))
}

func (e *env) list(as user, path string) taskList {
	e.t.Helper()
	return decodeBody[taskList](e.t, e.must(http.StatusOK, req{Method: "GET", Path: path, As: as}))
}

// createLabel creates a category or tag ("categories" or "tags") and
// returns its id.
func (e *env) createLabel(as user, projectID, kind, name string) string {
	e.t.Helper()
	res := e.must(http.StatusCreated, req{Method: "POST", Path: fmt.Sprintf("/api/v1/projects/%s/%s", projectID, kind),
		As: as, Body: map[string]any{"name": name}})
	return res.json(e.t)["id"].(string)
}

// counts returns the number of rows of each table.
func (e *env) counts() map[string]int64 {
	e.t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"tasks", "task_assignees", "task_tags", "categories", "tags", "outbox_events"} {
		var n int64
		if err := e.db.Raw("SELECT count(*) FROM " + table).Scan(&n).Error; err != nil {
			e.t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

// outboxEvents returns the stored events of one type, oldest first, after
// checking each one's envelope and its payload against the event type's
// JSON Schema.
func (e *env) outboxEvents(eventType string) []events.Event {
	e.t.Helper()
	var rows []struct {
		Topic   string
		Payload []byte
	}
	if err := e.db.Raw(`SELECT topic, payload FROM outbox_events WHERE event_type = ? ORDER BY seq`, eventType).Scan(&rows).Error; err != nil {
		e.t.Fatal(err)
	}
	v, err := contracts.NewValidator()
	if err != nil {
		e.t.Fatal(err)
	}
	var out []events.Event
	for _, r := range rows {
		ev, err := events.Parse(r.Payload)
		if err != nil {
			e.t.Fatalf("outbox row is not a CloudEvent: %v", err)
		}
		if r.Topic != contracts.TopicTasks || ev.Source != app.EventSource || ev.DataSchema != contracts.SchemaURL(eventType) || ev.Subject == "" {
			e.t.Errorf("event %s: topic %q source %q dataschema %q subject %q", ev.ID, r.Topic, ev.Source, ev.DataSchema, ev.Subject)
		}
		if err := v.Validate(ev.Type, ev.Data); err != nil {
			e.t.Errorf("outbox payload fails its schema: %v\n%s", err, ev.Data)
		}
		out = append(out, ev)
	}
	return out
}

// allOutboxEventsValid checks every stored event against its schema.
func (e *env) allOutboxEventsValid() {
	e.t.Helper()
	var types []string
	if err := e.db.Raw(`SELECT DISTINCT event_type FROM outbox_events`).Scan(&types).Error; err != nil {
		e.t.Fatal(err)
	}
	for _, typ := range types {
		e.outboxEvents(typ)
	}
}

func decode[T any](t *testing.T, ev events.Event) T {
	t.Helper()
	var v T
	if err := ev.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
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
	return e.must(http.StatusOK, r).json(e.t)
}
