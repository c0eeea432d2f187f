package ports_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// The search service reads the comments of tasks in bulk; no other caller
// may.
func TestExportTaskCommentsForSearch(t *testing.T) {
	e := newEnv(t)
	ada := e.user("ada")
	p := e.peers.project(ada.ID)
	t1, t2, empty := e.peers.task(p), e.peers.task(p), e.peers.task(p)
	a := e.post(ada, "/api/v1/tasks/"+t1+"/comments", "first")
	b := e.post(ada, "/api/v1/tasks/"+t2+"/comments", "second")
	c := e.post(ada, "/api/v1/tasks/"+t2+"/comments", "third")
	search := map[string]string{"dapr-caller-app-id": contracts.AppSearch}
	res := e.must(http.StatusOK, req{Method: "POST", Path: "/internal/export/task-comments", AppToken: appToken, Header: search,
		Body: contracts.ExportCommentsRequest{TaskIDs: []string{t1, t2, empty}}})
	out := decode[contracts.CommentsExport](t, res)
	var got []string
	for _, it := range out.Items {
		got = append(got, it.ID+":"+it.Body)
		if it.TaskID == nil || it.ProjectID != p {
			t.Fatalf("exported %+v", it)
		}
	}
	want := []string{a.ID + ":first", b.ID + ":second", c.ID + ":third"}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("exported %v, want %v", got, want)
	}
	e.must(http.StatusForbidden, req{Method: "POST", Path: "/internal/export/task-comments", AppToken: appToken,
		Header: map[string]string{"dapr-caller-app-id": contracts.AppGateway}, Body: contracts.ExportCommentsRequest{}})
	e.must(http.StatusBadRequest, req{Method: "POST", Path: "/internal/export/task-comments", AppToken: appToken, Header: search,
		Body: contracts.ExportCommentsRequest{TaskIDs: []string{"nope"}}})
}
