package ports_test

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestProjectListPagesFiltersAndCounts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner, ada := e.user(), e.user()
	pid := e.projects.project(owner.ID, ada.ID)
	tag := e.createLabel(owner, pid, "tags", "infra")
	specs := []map[string]any{
		{"title": "Urgent overdue", "priority": "urgent", "dueAt": "2026-11-20T00:00:00Z", "assigneeIds": []string{ada.ID}},
		{"title": "Urgent later", "priority": "urgent", "dueAt": "2026-12-20T00:00:00Z", "tagIds": []string{tag}},
		{"title": "Urgent no date", "priority": "urgent"},
		{"title": "High done", "priority": "high", "status": "done", "dueAt": "2026-11-01T00:00:00Z"},
		{"title": "Low in progress", "priority": "low", "status": "in_progress", "assigneeIds": []string{ada.ID}},
		{"title": "None", "dueAt": "2026-11-26T08:00:00+01:00"},
	}
	for _, s := range specs {
		e.createTask(owner, pid, s)
	}
	base := "/api/v1/projects/" + pid + "/tasks"
	titles := func(l taskList) string {
		var out []string
		for _, it := range l.Items {
			out = append(out, it.Title)
		}
		return strings.Join(out, "|")
	}

	// Default: priority, then due (none last), two per page.
	var all []string
	path := base + "?limit=2"
	for pages := 0; path != ""; pages++ {
		page := e.list(ada, path)
		all = append(all, titles(page))
		path = ""
		if page.NextCursor != "" {
			path = base + "?limit=2&cursor=" + url.QueryEscape(page.NextCursor)
		}
	}
	mustEqual(t, "priority order", strings.Join(all, "|"),
		"Urgent overdue|Urgent later|Urgent no date|High done|Low in progress|None")

	tests := []struct{ name, query, want string }{
		{"ascending-priority-reverses-everything", "?sort=priority&order=asc", "None|Low in progress|High done|Urgent no date|Urgent later|Urgent overdue"},
		{"due", "?sort=due", "High done|Urgent overdue|None|Urgent later|Urgent no date|Low in progress"},
		{"statuses", "?status=done&status=in_progress&sort=due", "High done|Low in progress"},
		{"assignee-me", "?assignee=me", "Urgent overdue|Low in progress"},
		{"assignee-id", "?assignee=" + ada.ID, "Urgent overdue|Low in progress"},
		{"tag", "?tag=" + tag, "Urgent later"},
		{"priorities", "?priority=low&priority=high", "High done|Low in progress"},
		{"overdue", "?overdue=true", "Urgent overdue|None"},
		{"due-window", "?dueAfter=2026-11-20T00:00:00Z&dueBefore=2026-12-20T00:00:00Z", "Urgent overdue|None"},
		{"due-window-unencoded-plus", "?dueAfter=2026-11-20T01:00:00+01:00", "Urgent overdue|Urgent later|None"},
		{"search", "?q=URGENT%20L", "Urgent later"},
		{"search-short", "?q=do", "High done"},
	}
	for _, tc := range tests {
		if got := titles(e.list(ada, base+tc.query)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := titles(e.list(owner, base+"?assignee=me")); got != "" {
		t.Errorf("owner's own tasks: %q", got)
	}
	if got := titles(e.list(ada, base+"?assignee=me&sort=created&order=asc")); got != "Urgent overdue|Low in progress" {
		t.Errorf("ada's own tasks: %q", got)
	}

	counted := e.list(ada, base+"?status=todo&counts=true&priority=urgent")
	if titles(counted) != "Urgent overdue|Urgent later|Urgent no date" ||
		counted.Counts["todo"] != 3 || counted.Counts["in_progress"] != 0 || counted.Counts["done"] != 0 {
		t.Fatalf("counts %v of %q", counted.Counts, titles(counted))
	}
	board := e.list(ada, base+"?counts=true&status=done")
	if board.Counts["todo"] != 4 || board.Counts["in_progress"] != 1 || board.Counts["done"] != 1 {
		t.Fatalf("board counts ignore the status filter: %v", board.Counts)
	}
	if e.list(ada, base).Counts != nil {
		t.Fatal("counts without counts=true")
	}
}

func TestMyTasksSpanTheCallersProjectsOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.user(), e.user()
	p1 := e.projects.project(ada.ID)
	p2 := e.projects.project(bob.ID, ada.ID)
	p3 := e.projects.project(bob.ID)
	e.createTask(ada, p1, map[string]any{"title": "A1", "priority": "high"})
	e.createTask(bob, p2, map[string]any{"title": "B2", "priority": "urgent", "assigneeIds": []string{ada.ID}})
	e.createTask(bob, p3, map[string]any{"title": "B3 private", "priority": "urgent"})
	mine := e.list(ada, "/api/v1/tasks?limit=1")
	if len(mine.Items) != 1 || mine.Items[0].Title != "B2" || mine.NextCursor == "" {
		t.Fatalf("first page %+v", mine)
	}
	rest := e.list(ada, "/api/v1/tasks?limit=1&cursor="+url.QueryEscape(mine.NextCursor))
	if len(rest.Items) != 1 || rest.Items[0].Title != "A1" || rest.NextCursor != "" {
		t.Fatalf("second page %+v", rest)
	}
	if assigned := e.list(ada, "/api/v1/tasks?assignee=me&counts=true"); len(assigned.Items) != 1 || assigned.Counts["todo"] != 1 {
		t.Fatalf("assigned to ada: %+v", assigned)
	}
	if none := e.list(e.user(), "/api/v1/tasks?counts=true"); len(none.Items) != 0 || none.Counts["todo"] != 0 {
		t.Fatalf("a user without projects: %+v", none)
	}
}

func TestBadListQueriesAreRefusedWithDetails(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.projects.project(owner.ID)
	for range 3 {
		e.createTask(owner, pid, map[string]any{"title": "t"})
	}
	first := e.list(owner, "/api/v1/projects/"+pid+"/tasks?limit=1&sort=due")
	raw, _ := base64.RawURLEncoding.DecodeString(first.NextCursor)
	forged := func(from, to string) string {
		return url.QueryEscape(base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(raw), from, to, 1))))
	}
	base := "/api/v1/projects/" + pid + "/tasks"
	tests := []struct {
		name, query, code string
		fields            map[string]string
	}{
		{"unknown-status", "?status=blocked", "invalid_query", map[string]string{"status": "invalid"}},
		{"several-problems", "?priority=max&limit=0&sort=name&order=up&overdue=yes&counts=1",
			"invalid_query", map[string]string{"priority": "invalid", "limit": "out_of_range", "sort": "invalid", "order": "invalid", "overdue": "invalid", "counts": "invalid"}},
		{"limit-too-big", "?limit=201", "invalid_query", map[string]string{"limit": "out_of_range"}},
		{"limit-not-a-number", "?limit=ten", "invalid_query", map[string]string{"limit": "out_of_range"}},
		{"bad-assignee", "?assignee=someone", "invalid_query", map[string]string{"assignee": "invalid"}},
		{"bad-tag", "?tag=1%27%20OR%201=1", "invalid_query", map[string]string{"tag": "invalid"}},
		{"bad-date", "?dueBefore=tomorrow", "invalid_query", map[string]string{"dueBefore": "invalid"}},
		{"date-without-offset", "?dueAfter=2026-11-20T00:00:00", "invalid_query", map[string]string{"dueAfter": "invalid"}},
		{"search-too-long", "?q=" + strings.Repeat("x", 201), "invalid_query", map[string]string{"q": "too_long"}},
		{"search-nul", "?q=a%00b", "invalid_query", map[string]string{"q": "invalid"}},
		{"repeated-single-value", "?sort=due&sort=priority", "invalid_query", map[string]string{"sort": "invalid"}},
		{"unknown-parameter", "?stauts=todo", "invalid_query", map[string]string{"stauts": "unknown"}},
		{"bad-parent", "?parentId=top", "invalid_query", map[string]string{"parentId": "invalid"}},
		{"malformed-query-string", "?sort=due&cursor=%%%", "invalid_query", map[string]string{"query": "invalid"}},
		{"cursor-garbage", "?sort=due&cursor=%21%21", "invalid_cursor", nil},
		{"cursor-not-json", "?sort=due&cursor=bm90IGpzb24", "invalid_cursor", nil},
		{"cursor-of-another-sort", "?sort=priority&cursor=" + url.QueryEscape(first.NextCursor), "invalid_cursor", nil},
		{"cursor-of-another-order", "?sort=due&order=desc&cursor=" + url.QueryEscape(first.NextCursor), "invalid_cursor", nil},
		{"cursor-tampered-id", "?sort=due&cursor=" + forged(`"i":"`, `"i":"x`), "invalid_cursor", nil},
		{"cursor-tampered-sort", "?sort=due&cursor=" + forged(`"s":"due"`, `"s":"position"`), "invalid_cursor", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := e.do(req{Method: "GET", Path: base + tc.query, Token: owner.Token})
			if res.Status != http.StatusBadRequest || res.Code() != tc.code {
				t.Fatalf("%d %s", res.Status, res.Body)
			}
			if tc.fields == nil {
				return
			}
			fields := res.JSON(t)["error"].(map[string]any)["details"].(map[string]any)["fields"].(map[string]any)
			for k, v := range tc.fields {
				if fields[k] != v {
					t.Errorf("details.fields.%s = %v, want %s (all: %v)", k, fields[k], v, fields)
				}
			}
		})
	}
	if res := e.do(req{Method: "GET", Path: "/api/v1/projects/" + pid + "/tags?limit=500&sort=name", Token: owner.Token}); res.Status != http.StatusBadRequest || res.Code() != "invalid_query" {
		t.Fatalf("label list: %d %s", res.Status, res.Body)
	}
}
