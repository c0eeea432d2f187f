package ports_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
)

func TestSubtasksStayInTheProjectAndNeverFormACycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid, other := e.projects.project(owner.ID), e.projects.project(owner.ID)
	root := e.createTask(owner, pid, map[string]any{"title": "Epic"})
	child := e.createTask(owner, pid, map[string]any{"title": "Story", "parentId": root.ID})
	grandchild := e.createTask(owner, pid, map[string]any{"title": "Step", "parentId": child.ID})
	foreign := e.createTask(owner, other, map[string]any{"title": "Elsewhere"})
	if grandchild.ParentID == nil || *grandchild.ParentID != child.ID {
		t.Fatalf("parent %v", grandchild.ParentID)
	}
	tests := []struct {
		name   string
		task   string
		parent string
	}{
		{"own-parent", root.ID, root.ID},
		{"child-as-parent", root.ID, child.ID},
		{"grandchild-as-parent", root.ID, grandchild.ID},
		{"other-project", child.ID, foreign.ID},
		{"unknown", child.ID, "01937d2e-1c3f-7a00-8000-000000000001"},
	}
	for _, tc := range tests {
		res := e.do(req{Method: "PATCH", Path: "/api/v1/tasks/" + tc.task, Token: owner.Token, Body: map[string]any{"parentId": tc.parent}})
		if res.Status != http.StatusBadRequest || res.Code() != "invalid_parent" {
			t.Fatalf("%s: %d %s", tc.name, res.Status, res.Body)
		}
	}
	res := e.do(req{Method: "POST", Path: "/api/v1/projects/" + pid + "/tasks", Token: owner.Token, Body: map[string]any{"title": "x", "parentId": foreign.ID}})
	if res.Status != http.StatusBadRequest || res.Code() != "invalid_parent" {
		t.Fatalf("create under another project's task: %d %s", res.Status, res.Body)
	}
	// Moving a subtree elsewhere is fine; detaching with null too.
	if got := e.patchTask(owner, grandchild.ID, map[string]any{"parentId": root.ID}); *got.ParentID != root.ID {
		t.Fatal("not moved")
	}
	if got := e.patchTask(owner, child.ID, map[string]any{"parentId": nil}); got.ParentID != nil {
		t.Fatal("not detached")
	}
	subtasks := e.list(owner, "/api/v1/projects/"+pid+"/tasks?parentId="+root.ID)
	topLevel := e.list(owner, "/api/v1/projects/"+pid+"/tasks?parentId=none")
	if len(subtasks.Items) != 1 || subtasks.Items[0].ID != grandchild.ID || len(topLevel.Items) != 2 {
		t.Fatalf("subtasks %v, top level %v", subtasks.Items, topLevel.Items)
	}
}

func TestDeletingATaskDeletesItsSubtasks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner, ada := e.user(), e.user()
	pid := e.projects.project(owner.ID, ada.ID)
	root := e.createTask(owner, pid, map[string]any{"title": "Epic", "assigneeIds": []string{ada.ID}})
	child := e.createTask(owner, pid, map[string]any{"title": "Story", "parentId": root.ID})
	leaf := e.createTask(owner, pid, map[string]any{"title": "Step", "parentId": child.ID})
	keep := e.createTask(owner, pid, map[string]any{"title": "Unrelated"})

	res := e.do(req{Method: "DELETE", Path: "/api/v1/tasks/" + root.ID, Token: ada.Token, Header: map[string]string{"If-Match": `"2"`}})
	if res.Status != http.StatusPreconditionFailed {
		t.Fatalf("stale delete: %d", res.Status)
	}
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/tasks/" + root.ID, Token: ada.Token, Header: map[string]string{"If-Match": `"1"`}})
	for _, id := range []string{root.ID, child.ID, leaf.ID} {
		if res := e.do(req{Method: "GET", Path: "/api/v1/tasks/" + id, Token: owner.Token}); res.Status != http.StatusNotFound || res.Code() != "task_not_found" {
			t.Fatalf("%s still there: %d", id, res.Status)
		}
	}
	e.getTask(owner, keep.ID)
	deleted := e.outboxEvents(contracts.EventTaskDeleted)
	if len(deleted) != 3 {
		t.Fatalf("%d task.deleted", len(deleted))
	}
	first := contracttest.Decode[contracts.TaskDeleted](t, deleted[0])
	if first.TaskID != root.ID || first.ParentID != nil || !slices.Equal(first.AssigneeIDs, []string{ada.ID}) || first.Actor.UserID != ada.ID {
		t.Fatalf("first task.deleted %+v", first)
	}
	if last := contracttest.Decode[contracts.TaskDeleted](t, deleted[2]); last.TaskID != leaf.ID || *last.ParentID != child.ID {
		t.Fatalf("last task.deleted %+v", last)
	}
	if n := e.counts()["task_assignees"]; n != 0 {
		t.Fatalf("%d assignments left", n)
	}
}

func TestMovingATaskRewritesOnlyItsPosition(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid, other := e.projects.project(owner.ID), e.projects.project(owner.ID)
	a := e.createTask(owner, pid, map[string]any{"title": "A"})
	b := e.createTask(owner, pid, map[string]any{"title": "B"})
	c := e.createTask(owner, pid, map[string]any{"title": "C"})
	foreign := e.createTask(owner, other, map[string]any{"title": "F"})
	order := func() []string {
		var out []string
		for _, it := range e.list(owner, "/api/v1/projects/"+pid+"/tasks?sort=position").Items {
			out = append(out, it.Title)
		}
		return out
	}
	mustEqual(t, "initial order", strings.Join(order(), ""), "ABC")

	moved := e.patchTask(owner, c.ID, map[string]any{"position": map[string]any{"afterId": a.ID}})
	mustEqual(t, "after A", strings.Join(order(), ""), "ACB")
	if e.getTask(owner, a.ID).Version != 1 || e.getTask(owner, b.ID).Version != 1 || moved.Version != 2 {
		t.Fatal("a move rewrote other tasks")
	}
	e.patchTask(owner, a.ID, map[string]any{"position": map[string]any{"beforeId": b.ID}})
	mustEqual(t, "before B", strings.Join(order(), ""), "CAB")
	e.patchTask(owner, b.ID, map[string]any{"position": map[string]any{"afterId": c.ID, "beforeId": a.ID}})
	mustEqual(t, "between", strings.Join(order(), ""), "CBA")
	e.patchTask(owner, c.ID, map[string]any{"position": map[string]any{}})
	mustEqual(t, "to the end", strings.Join(order(), ""), "BAC")
	before := e.getTask(owner, c.ID)
	if same := e.patchTask(owner, c.ID, map[string]any{"position": map[string]any{"afterId": a.ID}}); same.Version != before.Version {
		t.Fatalf("a move to where the task already is wrote version %d", same.Version)
	}
	d := e.createTask(owner, pid, map[string]any{"title": "D", "position": map[string]any{"beforeId": b.ID}})
	mustEqual(t, "created first", strings.Join(order(), ""), "DBAC")

	for name, pos := range map[string]map[string]any{
		"other-project": {"afterId": foreign.ID},
		"itself":        {"beforeId": d.ID},
		"wrong-order":   {"afterId": c.ID, "beforeId": b.ID},
		"unknown":       {"afterId": "01937d2e-1c3f-7a00-8000-000000000001"},
	} {
		res := e.do(req{Method: "PATCH", Path: "/api/v1/tasks/" + d.ID, Token: owner.Token, Body: map[string]any{"position": pos}})
		if res.Status != http.StatusBadRequest || res.Code() != "invalid_position" {
			t.Fatalf("%s: %d %s", name, res.Status, res.Body)
		}
	}
}
