package ports_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// The search service pages through every project; no other caller may.
func TestExportForSearch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.newUser()
	want := map[string]string{}
	for _, k := range []string{"AAA", "BBB", "CCC"} {
		p := e.createProject(ada, "Project "+k, k)
		want[p["id"].(string)] = k
	}
	search := map[string]string{"dapr-caller-app-id": contracts.AppSearch}
	got := map[string]string{}
	path := "/internal/export/projects?limit=2"
	for {
		var page contracts.ProjectsExport
		res := e.must(http.StatusOK, req{Method: "GET", Path: path, AppToken: appToken, Header: search})
		if err := json.Unmarshal(res.Body, &page); err != nil {
			t.Fatal(err)
		}
		for _, p := range page.Items {
			if p.Version != 1 || p.Name != "Project "+p.Key {
				t.Fatalf("exported %+v", p)
			}
			got[p.ID] = p.Key
		}
		if page.Next == "" {
			break
		}
		path = "/internal/export/projects?limit=2&after=" + page.Next
	}
	if len(got) != len(want) {
		t.Fatalf("exported %v, want %v", got, want)
	}
	for id, k := range want {
		if got[id] != k {
			t.Fatalf("exported %v, want %v", got, want)
		}
	}
	e.must(http.StatusForbidden, req{Method: "GET", Path: "/internal/export/projects", AppToken: appToken,
		Header: map[string]string{"dapr-caller-app-id": contracts.AppGateway}})
	e.must(http.StatusUnauthorized, req{Method: "GET", Path: "/internal/export/projects", Header: search})
	e.must(http.StatusBadRequest, req{Method: "GET", Path: "/internal/export/projects?limit=9999", AppToken: appToken, Header: search})
}
