package ports_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// The search service pages through every task and label; no other caller
// may.
func TestExportForSearch(t *testing.T) {
	e := newEnv(t)
	owner := e.user()
	p1, p2 := e.projects.project(owner.ID), e.projects.project(owner.ID)
	var want []string
	for i := range 5 {
		want = append(want, e.createTask(owner, []string{p1, p2}[i%2], map[string]any{"title": "Task"}).ID)
	}
	tag := e.createLabel(owner, p1, "tags", "frontend")
	cat := e.createLabel(owner, p2, "categories", "design")
	slices.Sort(want)
	search := map[string]string{"dapr-caller-app-id": contracts.AppSearch}

	var got []string
	path := "/internal/export/tasks?limit=2"
	for {
		page := decodeBody[contracts.TasksExport](t, e.must(http.StatusOK, req{Method: "GET", Path: path, AppToken: appToken, Header: search}))
		for _, it := range page.Items {
			got = append(got, it.ID)
			if it.Version != 1 || it.Title != "Task" {
				t.Fatalf("exported %+v", it)
			}
		}
		if page.Next == "" {
			break
		}
		path = "/internal/export/tasks?limit=2&after=" + page.Next
	}
	if !slices.Equal(got, want) {
		t.Fatalf("exported %v, want %v", got, want)
	}
	labels := decodeBody[contracts.LabelsExport](t, e.must(http.StatusOK, req{Method: "GET", Path: "/internal/export/labels", AppToken: appToken, Header: search}))
	kinds := map[string]string{}
	for _, l := range labels.Items {
		kinds[l.ID] = l.Kind + ":" + l.Name
	}
	if kinds[tag] != "tag:frontend" || kinds[cat] != "category:design" || labels.Next != "" {
		t.Fatalf("labels %+v", labels)
	}

	for _, tc := range []struct {
		name   string
		r      req
		status int
	}{
		{"401-without-sidecar-token", req{Method: "GET", Path: "/internal/export/tasks", Header: search}, http.StatusUnauthorized},
		{"403-from-the-gateway", req{Method: "GET", Path: "/internal/export/tasks", AppToken: appToken,
			Header: map[string]string{"dapr-caller-app-id": contracts.AppGateway}}, http.StatusForbidden},
		{"400-bad-after", req{Method: "GET", Path: "/internal/export/labels?after=1", AppToken: appToken, Header: search}, http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) { e.must(tc.status, tc.r) })
	}
}
