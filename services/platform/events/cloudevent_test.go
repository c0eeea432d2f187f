package events

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/uuid"
)

type taskCreated struct {
	TaskID string `json:"taskId"`
	Title  string `json:"title"`
}

func TestNewRoundTrip(t *testing.T) {
	t.Parallel()
	ev, err := New("tasks", "task.created.v1", "task/42", taskCreated{TaskID: "42", Title: "Ship it"})
	if err != nil {
		t.Fatal(err)
	}
	if id, err := uuid.Parse(ev.ID); err != nil || id.Version() != 7 {
		t.Fatalf("id %q is not a UUIDv7", ev.ID)
	}
	wire, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(wire)
	if err != nil {
		t.Fatalf("a published event does not parse: %v", err)
	}
	var data taskCreated
	if err := got.Decode(&data); err != nil {
		t.Fatal(err)
	}
	if got.ID != ev.ID || got.Source != "tasks" || got.Subject != "task/42" || !got.Time.Equal(ev.Time) ||
		got.DataContentType != "application/json" || data != (taskCreated{"42", "Ship it"}) {
		t.Fatalf("round trip changed the event: %+v data %+v", got, data)
	}
}

func TestNewIDsSortByCreation(t *testing.T) {
	t.Parallel()
	prev := ""
	for range 100 {
		ev, err := New("tasks", "task.created.v1", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if ev.ID <= prev {
			t.Fatalf("id %s does not sort after %s", ev.ID, prev)
		}
		prev = ev.ID
	}
}

func TestNewRejectsUnmarshalableData(t *testing.T) {
	t.Parallel()
	if _, err := New("tasks", "task.created.v1", "", map[string]any{"f": func() {}}); err == nil {
		t.Fatal("New accepted data that cannot be JSON")
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		body    string
		wantErr string
	}{
		{"parse-ok-with-sidecar-fields", `{"specversion":"1.0","id":"e1","source":"tasks","type":"t","topic":"tasks","pubsubname":"pubsub","data":{}}`, ""},
		{"parse-rejects-non-json", `<xml/>`, "not JSON"},
		{"parse-rejects-specversion-0.3", `{"specversion":"0.3","id":"e1","source":"tasks","type":"t"}`, "specversion"},
		{"parse-rejects-missing-specversion", `{"id":"e1","source":"tasks","type":"t"}`, "specversion"},
		{"parse-rejects-missing-id", `{"specversion":"1.0","source":"tasks","type":"t"}`, "lacks id"},
		{"parse-rejects-missing-source", `{"specversion":"1.0","id":"e1","type":"t"}`, "lacks id"},
		{"parse-rejects-missing-type", `{"specversion":"1.0","id":"e1","source":"tasks"}`, "lacks id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ev, err := Parse([]byte(tc.body))
			if tc.wantErr == "" {
				if err != nil || ev.Topic != "tasks" || ev.PubSubName != "pubsub" {
					t.Fatalf("Parse = %+v, %v", ev, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want one mentioning %q", err, tc.wantErr)
			}
		})
	}
}
