package ports_test

import (
	"maps"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
)

func TestCreateTaskStoresItAndAnnouncesIt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner, ada := e.user(), e.user()
	pid := e.projects.project(owner.ID, ada.ID)
	cat := e.createLabel(owner, pid, "categories", "Backend")
	tag := e.createLabel(owner, pid, "tags", "urgent-fix")

	res := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/projects/" + pid + "/tasks", Token: owner.Token, Body: map[string]any{
		"title": "  Ship the release  ", "description": "- [ ] notes\n- [ ] tag", "status": "in_progress", "priority": "high",
		"startAt": "2026-12-01T09:00:00+01:00", "dueAt": "2026-12-03T17:30:00.123456789-05:00", "timezone": "Europe/Warsaw",
		"estimateMinutes": 90, "assigneeIds": []string{ada.ID, owner.ID, ada.ID}, "categoryId": cat, "tagIds": []string{tag},
	}})
	got := decodeBody[task](t, res)
	if res.Header.Get("Location") != "/api/v1/tasks/"+got.ID || res.Header.Get("ETag") != `"1"` {
		t.Fatalf("Location %q ETag %q", res.Header.Get("Location"), res.Header.Get("ETag"))
	}
	mustEqual(t, "title", got.Title, "Ship the release")
	mustEqual(t, "startAt", *got.StartAt, "2026-12-01T08:00:00Z")
	mustEqual(t, "dueAt (UTC, microseconds)", *got.DueAt, "2026-12-03T22:30:00.123456Z")
	mustEqual(t, "priority", got.Priority, "high")
	mustEqual(t, "version", got.Version, int64(1))
	mustEqual(t, "assignees", len(got.AssigneeIDs), 2)
	if got.DoneAt != nil || *got.CategoryID != cat || got.TagIDs[0] != tag || got.CreatedBy != owner.ID {
		t.Fatalf("stored %+v", got)
	}
	if again := e.getTask(ada, got.ID); again.UpdatedAt != got.UpdatedAt || again.Position != got.Position {
		t.Fatalf("read back %+v, created %+v", again, got)
	}

	created := e.outboxEvents(contracts.EventTaskCreated)
	assigned := e.outboxEvents(contracts.EventTaskAssigned)
	if len(created) != 1 || len(assigned) != 2 {
		t.Fatalf("events: %d created, %d assigned", len(created), len(assigned))
	}
	payload := contracttest.Decode[contracts.TaskCreated](t, created[0])
	if payload.Actor.UserID != owner.ID || payload.Task.Title != "Ship the release" || created[0].Subject != got.ID {
		t.Fatalf("task.created %+v", payload)
	}
}

func TestStatusDoneSetsAndClearsDoneAt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.projects.project(owner.ID)
	tk := e.createTask(owner, pid, map[string]any{"title": "Write tests"})

	e.clock.Advance(time.Hour)
	done := e.patchTask(owner, tk.ID, map[string]any{"status": "done"})
	if done.DoneAt == nil || *done.DoneAt != "2026-11-26T10:00:00Z" || done.Version != 2 {
		t.Fatalf("after done: %+v", done)
	}
	reopened := e.patchTask(owner, tk.ID, map[string]any{"status": "todo"})
	if reopened.DoneAt != nil || reopened.Version != 3 {
		t.Fatalf("after reopening: %+v", reopened)
	}
	changes := e.outboxEvents(contracts.EventTaskStatusChanged)
	if len(changes) != 2 {
		t.Fatalf("%d status changes", len(changes))
	}
	first := contracttest.Decode[contracts.TaskStatusChanged](t, changes[0])
	mustEqual(t, "from", first.From, "todo")
	mustEqual(t, "to", first.To, "done")
	updated := contracttest.Decode[contracts.TaskUpdated](t, e.outboxEvents(contracts.EventTaskUpdated)[0])
	if !slices.Equal(updated.Changed, []string{"status", "doneAt"}) {
		t.Fatalf("changed %v", updated.Changed)
	}
	if updated.Previous["status"] != "todo" || updated.Previous["doneAt"] != nil || len(updated.Previous) != 2 {
		t.Fatalf("previous %v: an unset value is null", updated.Previous)
	}
}

func TestPatchHonoursIfMatchAndCountsVersions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.projects.project(owner.ID)
	tk := e.createTask(owner, pid, map[string]any{"title": "Plan", "dueAt": "2026-12-01T00:00:00Z"})
	patch := func(ifMatch string, body any) response {
		return e.do(req{Method: "PATCH", Path: "/api/v1/tasks/" + tk.ID, Token: owner.Token, Body: body, Header: map[string]string{"If-Match": ifMatch}})
	}

	res := patch(`"1"`, map[string]any{"title": "Plan the sprint"})
	if res.Status != http.StatusOK || res.Header.Get("ETag") != `"2"` {
		t.Fatalf("matching If-Match: %d %s", res.Status, res.Header.Get("ETag"))
	}
	tests := []struct {
		name, ifMatch string
	}{{"stale", `"1"`}, {"weak", `W/"2"`}, {"unquoted", `2`}, {"garbage", `"two"`}}
	for _, tc := range tests {
		res := patch(tc.ifMatch, map[string]any{"title": "Lost update"})
		if res.Status != http.StatusPreconditionFailed || res.Code() != "version_mismatch" {
			t.Fatalf("%s: %d %s", tc.name, res.Status, res.Body)
		}
		if details := res.JSON(t)["error"].(map[string]any)["details"].(map[string]any); details["currentVersion"] != float64(2) {
			t.Fatalf("%s: details %v", tc.name, details)
		}
	}
	if res := patch(`"7", "2"`, map[string]any{"priority": "urgent"}); res.Status != http.StatusOK || res.Header.Get("ETag") != `"3"` {
		t.Fatalf("one of several: %d %s", res.Status, res.Body)
	}
	if res := patch(`*`, map[string]any{"priority": "low"}); res.Status != http.StatusOK || res.Header.Get("ETag") != `"4"` {
		t.Fatalf("any: %d %s", res.Status, res.Body)
	}
	// A body that changes nothing keeps the version and announces nothing.
	before := len(e.outboxEvents(contracts.EventTaskUpdated))
	same := e.patchTask(owner, tk.ID, map[string]any{"priority": "low", "title": "Plan the sprint", "dueAt": "2026-12-01T01:00:00+01:00"})
	if same.Version != 4 || len(e.outboxEvents(contracts.EventTaskUpdated)) != before {
		t.Fatalf("no-op patch: version %d", same.Version)
	}
	if got := e.getTask(owner, tk.ID); got.Title != "Plan the sprint" || got.Priority != "low" {
		t.Fatalf("stored %+v", got)
	}
}

func TestPatchNullClearsAndAbsentLeavesAlone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.projects.project(owner.ID)
	cat := e.createLabel(owner, pid, "categories", "Ops")
	tk := e.createTask(owner, pid, map[string]any{"title": "Rotate keys", "dueAt": "2026-12-01T00:00:00Z",
		"timezone": "America/New_York", "categoryId": cat, "description": "keep"})
	got := e.patchTask(owner, tk.ID, map[string]any{"dueAt": nil, "categoryId": nil, "timezone": nil, "title": nil})
	if got.DueAt != nil || got.CategoryID != nil || got.Timezone != nil {
		t.Fatalf("not cleared: %+v", got)
	}
	if got.Title != "Rotate keys" || got.Description != "keep" {
		t.Fatalf("changed what was not sent: %+v", got)
	}
	updated := e.outboxEvents(contracts.EventTaskUpdated)
	p := contracttest.Decode[contracts.TaskUpdated](t, updated[0])
	if !slices.Equal(p.Changed, []string{"dueAt", "timezone", "categoryId"}) || p.Task.DueAt != nil {
		t.Fatalf("task.updated %+v", p)
	}
	// The values before the change, for the activity log's "from → to".
	if len(p.Previous) != 3 || p.Previous["dueAt"] != "2026-12-01T00:00:00Z" || p.Previous["timezone"] != "America/New_York" || p.Previous["categoryId"] != cat {
		t.Fatalf("task.updated previous %v", p.Previous)
	}
}

func TestAssigneesMustBeMembersAndChangesAreAnnouncedPerUser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner, ada, bob, stranger := e.user(), e.user(), e.user(), e.user()
	pid := e.projects.project(owner.ID, ada.ID, bob.ID)
	tk := e.createTask(owner, pid, map[string]any{"title": "Pair on it", "assigneeIds": []string{ada.ID}})

	before := e.counts()
	res := e.do(req{Method: "PATCH", Path: "/api/v1/tasks/" + tk.ID, Token: owner.Token, Body: map[string]any{"assigneeIds": []string{bob.ID, stranger.ID}}})
	if res.Status != http.StatusBadRequest || res.Code() != "assignee_not_member" {
		t.Fatalf("stranger assigned: %d %s", res.Status, res.Body)
	}
	if ids := res.JSON(t)["error"].(map[string]any)["details"].(map[string]any)["userIds"].([]any); len(ids) != 1 || ids[0] != stranger.ID {
		t.Fatalf("details name %v", ids)
	}
	res = e.do(req{Method: "POST", Path: "/api/v1/projects/" + pid + "/tasks", Token: owner.Token, Body: map[string]any{"title": "x", "assigneeIds": []string{stranger.ID}}})
	if res.Status != http.StatusBadRequest || res.Code() != "assignee_not_member" {
		t.Fatalf("create with stranger: %d %s", res.Status, res.Body)
	}
	if after := e.counts(); !maps.Equal(before, after) {
		t.Fatalf("refused assignments wrote rows: %v -> %v", before, after)
	}

	got := e.patchTask(owner, tk.ID, map[string]any{"assigneeIds": []string{bob.ID}})
	if !slices.Equal(got.AssigneeIDs, []string{bob.ID}) {
		t.Fatalf("assignees %v", got.AssigneeIDs)
	}
	assigned := e.outboxEvents(contracts.EventTaskAssigned)
	unassigned := e.outboxEvents(contracts.EventTaskUnassigned)
	if len(assigned) != 2 || len(unassigned) != 1 {
		t.Fatalf("%d assigned, %d unassigned", len(assigned), len(unassigned))
	}
	if a := contracttest.Decode[contracts.TaskAssigned](t, assigned[1]); a.UserID != bob.ID || a.Title != "Pair on it" {
		t.Fatalf("task.assigned %+v", a)
	}
	if u := contracttest.Decode[contracts.TaskUnassigned](t, unassigned[0]); u.UserID != ada.ID || u.Reason != contracts.UnassignedByEdit {
		t.Fatalf("task.unassigned %+v", u)
	}
}

func TestCategoryAndTagsMustBeOfTheSameProject(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid, other := e.projects.project(owner.ID), e.projects.project(owner.ID)
	foreignCat := e.createLabel(owner, other, "categories", "Elsewhere")
	foreignTag := e.createLabel(owner, other, "tags", "elsewhere")
	tag := e.createLabel(owner, pid, "tags", "here")
	before := e.counts()
	for name, tc := range map[string]struct {
		body map[string]any
		code string
	}{
		"foreign-category": {map[string]any{"title": "x", "categoryId": foreignCat}, "invalid_category"},
		"foreign-tag":      {map[string]any{"title": "x", "tagIds": []string{tag, foreignTag}}, "invalid_tag"},
		"unknown-tag":      {map[string]any{"title": "x", "tagIds": []string{"01937d2e-1c3f-7a00-8000-000000000001"}}, "invalid_tag"},
	} {
		res := e.do(req{Method: "POST", Path: "/api/v1/projects/" + pid + "/tasks", Token: owner.Token, Body: tc.body})
		if res.Status != http.StatusBadRequest || res.Code() != tc.code {
			t.Fatalf("%s: %d %s", name, res.Status, res.Body)
		}
	}
	if after := e.counts(); !maps.Equal(before, after) {
		t.Fatalf("refused tasks wrote rows: %v -> %v", before, after)
	}
}
