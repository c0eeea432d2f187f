package e2e

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

// nextUpItems returns p's next up (the project's when projectID is set).
func nextUpItems(t *testing.T, p person, projectID string) []map[string]any {
	t.Helper()
	path := "/api/v1/priorities/next-up?limit=50"
	if projectID != "" {
		path += "&projectId=" + projectID
	}
	r := p.call(t, http.MethodGet, path, "")
	expect(t, "next up", r, http.StatusOK, "")
	var body struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatal(err)
	}
	return body.Items
}

// firstIs reports whether items starts with the task at the effective
// priority.
func firstIs(items []map[string]any, taskID, effective string) bool {
	return len(items) > 0 && items[0]["taskId"] == taskID && items[0]["effective"] == effective
}

// Priority rules through the gateway and the sidecars: the owner previews
// and saves "due within 24 h -> urgent"; the assignee's next up puts the
// task first, the tasks service shows its effective priority with the
// reason (priority.effective_changed through pub/sub), and an edit that
// moves the due date away brings the order back (the cache invalidated by
// the task event). Only the owner manages rules; a stranger sees nothing.
func TestPriorities(t *testing.T) {
	ada, bob, eve := newPerson(t, "pada"), newPerson(t, "pbob"), newPerson(t, "peve")
	pid := newProject(t, ada, "Priorities")
	addParticipant(t, ada, pid, bob)
	soon := newTask(t, ada, pid, map[string]any{"title": "Due tomorrow morning", "priority": "low",
		"dueAt": time.Now().Add(20 * time.Hour).UTC().Format(time.RFC3339), "assigneeIds": []string{bob.ID}})
	later := newTask(t, ada, pid, map[string]any{"title": "Due next week", "priority": "high",
		"dueAt": time.Now().Add(120 * time.Hour).UTC().Format(time.RFC3339), "assigneeIds": []string{bob.ID}})
	soonID, laterID := soon["id"].(string), later["id"].(string)

	eventually(t, 20*time.Second, "the high task first in bob's next up", func() bool {
		items := nextUpItems(t, bob, "")
		return len(items) == 2 && firstIs(items, laterID, "high")
	})

	rules := "/api/v1/projects/" + pid + "/priority-rules"
	rule := `{"condition":{"kind":"due_within","hours":24},"effect":{"kind":"at_least","level":"urgent"}}`
	expect(t, "participant creates a rule", bob.call(t, http.MethodPost, rules, rule), http.StatusForbidden, "forbidden_role")
	expect(t, "stranger reads rules", eve.call(t, http.MethodGet, rules, ""), http.StatusNotFound, "project_not_found")
	expect(t, "stranger reads the project's next up", eve.call(t, http.MethodGet, "/api/v1/priorities/next-up?projectId="+pid, ""),
		http.StatusNotFound, "project_not_found")
	expect(t, "bad rule", ada.call(t, http.MethodPost, rules, `{"condition":{"kind":"due_within"},"effect":{"kind":"at_least","level":"urgent"}}`),
		http.StatusBadRequest, "validation_failed")

	prev := ada.call(t, http.MethodPost, rules+"/preview", rule)
	expect(t, "preview", prev, http.StatusOK, "")
	changes, _ := prev.json(t)["items"].([]any)
	if len(changes) != 1 || changes[0].(map[string]any)["taskId"] != soonID || changes[0].(map[string]any)["to"] != "urgent" {
		t.Fatalf("preview: %s", prev.Body)
	}
	list := ada.call(t, http.MethodGet, rules, "")
	if items, _ := list.json(t)["items"].([]any); len(items) != 0 {
		t.Fatalf("the preview or a refused request saved a rule: %s", list.Body)
	}
	expect(t, "create rule", ada.call(t, http.MethodPost, rules, rule), http.StatusCreated, "")

	eventually(t, 5*time.Second, "the task due soon first, urgent, in bob's next up", func() bool {
		return firstIs(nextUpItems(t, bob, ""), soonID, "urgent")
	})
	if items := nextUpItems(t, ada, pid); !firstIs(items, soonID, "urgent") || items[0]["reason"] != "raised by rule: due within 24 h" {
		t.Fatalf("the project's next up: %v", items)
	}
	if items := nextUpItems(t, eve, ""); len(items) != 0 {
		t.Fatalf("a stranger's next up shows %v", items)
	}
	eventually(t, 10*time.Second, "the tasks service to show the effective priority", func() bool {
		r := bob.call(t, http.MethodGet, "/api/v1/tasks/"+soonID, "")
		m := r.json(t)
		return m["effectivePriority"] == "urgent" && m["effectivePriorityReason"] == "raised by rule: due within 24 h" && m["priority"] == "low"
	})

	r := ada.callWith(t, http.MethodPatch, "/api/v1/tasks/"+soonID,
		jsonBody(t, map[string]any{"dueAt": time.Now().Add(200 * time.Hour).UTC().Format(time.RFC3339)}), map[string]string{"If-Match": `"1"`})
	expect(t, "move the due date away", r, http.StatusOK, "")
	eventually(t, 5*time.Second, "the high task first again", func() bool {
		return firstIs(nextUpItems(t, bob, ""), laterID, "high")
	})
}
