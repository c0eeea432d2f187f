package ports_test

import (
	"net/http"
	"testing"
)

// Every route checks the caller's membership of the project it touches:
// outsiders learn nothing, roles that may not write get 403, archived
// projects are read-only, and nothing is written by a refused request.
func TestEveryRouteChecksMembership(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner, viewer, outsider := e.user(), e.user(), e.user()
	pid := e.projects.project(owner.ID, viewer.ID)
	e.projects.setRole(pid, viewer.ID, "viewer")
	archived := e.projects.project(owner.ID, viewer.ID)
	tk := e.createTask(owner, pid, map[string]any{"title": "Secret plan"})
	oldTask := e.createTask(owner, archived, map[string]any{"title": "Old plan"})
	cat := e.createLabel(owner, pid, "categories", "Secret")
	tag := e.createLabel(owner, pid, "tags", "secret")
	oldCat := e.createLabel(owner, archived, "categories", "Old")
	oldTag := e.createLabel(owner, archived, "tags", "old")
	e.projects.archive(archived, true)

	type call struct {
		method, path string
		body         any
	}
	writes := func(project, task, category, tag string) []call {
		return []call{
			{"POST", "/api/v1/projects/" + project + "/tasks", map[string]any{"title": "x"}},
			{"PATCH", "/api/v1/tasks/" + task, map[string]any{"title": "y"}},
			{"DELETE", "/api/v1/tasks/" + task, nil},
			{"POST", "/api/v1/projects/" + project + "/categories", map[string]any{"name": "n"}},
			{"PATCH", "/api/v1/projects/" + project + "/categories/" + category, map[string]any{"name": "m"}},
			{"DELETE", "/api/v1/projects/" + project + "/categories/" + category, nil},
			{"POST", "/api/v1/projects/" + project + "/tags", map[string]any{"name": "n"}},
			{"PATCH", "/api/v1/projects/" + project + "/tags/" + tag, map[string]any{"name": "m"}},
			{"DELETE", "/api/v1/projects/" + project + "/tags/" + tag, nil},
		}
	}
	reads := func(project, task string) []call {
		return []call{
			{"GET", "/api/v1/tasks/" + task, nil},
			{"GET", "/api/v1/projects/" + project + "/tasks", nil},
			{"GET", "/api/v1/projects/" + project + "/categories", nil},
			{"GET", "/api/v1/projects/" + project + "/tags", nil},
		}
	}
	notFoundCode := func(c call) string {
		if c.path[:len("/api/v1/tasks")] == "/api/v1/tasks" {
			return "task_not_found"
		}
		return "project_not_found"
	}

	before := e.counts()
	for _, c := range append(writes(pid, tk.ID, cat, tag), reads(pid, tk.ID)...) {
		res := e.do(req{Method: c.method, Path: c.path, Token: outsider.Token, Body: c.body})
		if want := notFoundCode(c); res.Status != http.StatusNotFound || res.Code() != want {
			t.Errorf("outsider %s %s: %d %s, want 404 %s", c.method, c.path, res.Status, res.Code(), want)
		}
		if res := e.do(req{Method: c.method, Path: c.path, Body: c.body}); res.Status != http.StatusUnauthorized {
			t.Errorf("anonymous %s %s: %d", c.method, c.path, res.Status)
		}
	}
	for _, c := range writes(pid, tk.ID, cat, tag) {
		if res := e.do(req{Method: c.method, Path: c.path, Token: viewer.Token, Body: c.body}); res.Status != http.StatusForbidden || res.Code() != "forbidden_role" {
			t.Errorf("viewer %s %s: %d %s", c.method, c.path, res.Status, res.Body)
		}
	}
	for _, c := range writes(archived, oldTask.ID, oldCat, oldTag) {
		res := e.do(req{Method: c.method, Path: c.path, Token: owner.Token, Body: c.body})
		if res.Status != http.StatusConflict || res.Code() != "project_archived" {
			t.Errorf("archived %s %s: %d %s", c.method, c.path, res.Status, res.Body)
		}
	}
	if after := e.counts(); after["tasks"] != before["tasks"] || after["categories"] != before["categories"] ||
		after["tags"] != before["tags"] || after["outbox_events"] != before["outbox_events"] {
		t.Fatalf("refused requests wrote rows: %v -> %v", before, after)
	}
	for _, c := range append(reads(pid, tk.ID), reads(archived, oldTask.ID)...) {
		if res := e.do(req{Method: c.method, Path: c.path, Token: viewer.Token}); res.Status != http.StatusOK {
			t.Errorf("member read %s %s: %d %s", c.method, c.path, res.Status, res.Body)
		}
	}
}

// Writes refused on what the membership view holds are confirmed first: a
// project unarchived a moment ago, whose event has not reached the view,
// takes the write.
func TestARefusedWriteIsConfirmedBeforeItIsRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.projects.project(owner.ID)
	tk := e.createTask(owner, pid, map[string]any{"title": "Before"})
	e.projects.heldArchived[pid] = true // the view still holds it archived
	for _, r := range []req{
		{Method: "POST", Path: "/api/v1/projects/" + pid + "/tasks", Token: owner.Token, Body: map[string]any{"title": "After"}},
		{Method: "PATCH", Path: "/api/v1/tasks/" + tk.ID, Token: owner.Token, Body: map[string]any{"title": "Changed"}},
		{Method: "POST", Path: "/api/v1/projects/" + pid + "/tags", Token: owner.Token, Body: map[string]any{"name": "fresh"}},
		{Method: "DELETE", Path: "/api/v1/tasks/" + tk.ID, Token: owner.Token},
	} {
		if res := e.do(r); res.Status >= 300 {
			t.Fatalf("%s %s: %d %s", r.Method, r.Path, res.Status, res.Body)
		}
	}
	if e.projects.confirms != 4 {
		t.Fatalf("%d confirmations, want 4", e.projects.confirms)
	}
}

// A removed member loses access as soon as the membership view knows.
func TestARemovedMemberLosesAccessAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner, ada := e.user(), e.user()
	pid := e.projects.project(owner.ID, ada.ID)
	tk := e.createTask(ada, pid, map[string]any{"title": "Mine"})
	e.getTask(ada, tk.ID)
	e.projects.remove(pid, ada.ID)
	if res := e.do(req{Method: "GET", Path: "/api/v1/tasks/" + tk.ID, Token: ada.Token}); res.Status != http.StatusNotFound {
		t.Fatalf("removed member reads: %d", res.Status)
	}
	if got := e.list(ada, "/api/v1/tasks"); len(got.Items) != 0 {
		t.Fatalf("removed member lists %d tasks", len(got.Items))
	}
}

func TestProjectsServiceDownIsUnavailableNotForbidden(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.projects.project(owner.ID)
	tk := e.createTask(owner, pid, map[string]any{"title": "x"})
	e.projects.setDown(true)
	for _, r := range []req{
		{Method: "GET", Path: "/api/v1/tasks/" + tk.ID, Token: owner.Token},
		{Method: "GET", Path: "/api/v1/tasks", Token: owner.Token},
		{Method: "POST", Path: "/api/v1/projects/" + pid + "/tasks", Token: owner.Token, Body: map[string]any{"title": "y"}},
	} {
		if res := e.do(r); res.Status != http.StatusServiceUnavailable || res.Code() != "projects_unavailable" {
			t.Fatalf("%s %s: %d %s", r.Method, r.Path, res.Status, res.Body)
		}
	}
}

func TestMalformedIDsInPathsAreNotFound(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.projects.project(owner.ID)
	for _, tc := range []struct{ method, path, code string }{
		{"GET", "/api/v1/tasks/not-a-uuid", "task_not_found"},
		{"GET", "/api/v1/tasks/%27%20OR%201=1%20--", "task_not_found"},
		{"PATCH", "/api/v1/tasks/01937d2e1c3f7a008000000000000001", "task_not_found"},
		{"DELETE", "/api/v1/tasks/%00", "task_not_found"},
		{"GET", "/api/v1/projects/nope/tasks", "project_not_found"},
		{"POST", "/api/v1/projects/nope/categories", "project_not_found"},
		{"PATCH", "/api/v1/projects/" + pid + "/categories/nope", "category_not_found"},
		{"DELETE", "/api/v1/projects/" + pid + "/tags/nope", "tag_not_found"},
		{"DELETE", "/api/v1/projects/" + pid + "/tags/01937d2e-1c3f-7a00-8000-000000000001", "tag_not_found"},
	} {
		var body any
		if tc.method == "PATCH" || tc.method == "POST" {
			body = map[string]any{"name": "x", "title": "x"}
		}
		if res := e.do(req{Method: tc.method, Path: tc.path, Token: owner.Token, Body: body}); res.Status != http.StatusNotFound || res.Code() != tc.code {
			t.Errorf("%s %s: %d %s, want 404 %s", tc.method, tc.path, res.Status, res.Body, tc.code)
		}
	}
}
