package ports_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apitest"

	"github.com/taskrocket/taskrocket/services/search/domain"
	"github.com/taskrocket/taskrocket/services/search/ports"
)

// fakeSource is what the owning services hold; duringTasks runs while
// the rebuild reads the tasks (events that arrive meanwhile).
type fakeSource struct {
	projects    []domain.Project
	labels      []domain.Label
	tasks       []domain.Task
	comments    []domain.Comment
	users       []domain.User
	duringTasks func()
}

func (f *fakeSource) Projects(context.Context, string) ([]domain.Project, string, error) {
	return f.projects, "", nil
}

func (f *fakeSource) Labels(context.Context, string) ([]domain.Label, string, error) {
	return f.labels, "", nil
}

// Tasks answers one task a page, so that events can arrive between pages.
func (f *fakeSource) Tasks(_ context.Context, after string) ([]domain.Task, string, error) {
	i := 0
	if after != "" {
		i = slices.IndexFunc(f.tasks, func(t domain.Task) bool { return t.ID == after }) + 1
	}
	if i == 1 && f.duringTasks != nil {
		f.duringTasks()
	}
	if i >= len(f.tasks) {
		return nil, "", nil
	}
	next := ""
	if i+1 < len(f.tasks) {
		next = f.tasks[i].ID
	}
	return f.tasks[i : i+1], next, nil
}

func (f *fakeSource) Comments(_ context.Context, ids []string) ([]domain.Comment, error) {
	var out []domain.Comment
	for _, c := range f.comments {
		if slices.Contains(ids, c.TaskID) {
			out = append(out, c)
		}
	}
	return out, nil
}

func (f *fakeSource) Users(_ context.Context, ids []string) ([]domain.User, error) {
	var out []domain.User
	for _, u := range f.users {
		if slices.Contains(ids, u.ID) {
			out = append(out, u)
		}
	}
	return out, nil
}

// A rebuild reads the owning services while the old index answers; events
// that arrive meanwhile are kept even when the services' answer is older.
func TestReindexRebuildsWhileServing(t *testing.T) {
	e := newEnv(t)
	ada := e.user("ada")
	p := e.project("Website", "WEB", ada)
	// The index has missed these (the service was down, or new).
	lost := newTask(p, "Lost lighthouse")
	lost.AssigneeIDs = []string{ada.ID}
	racing := newTask(p, "Racing title")
	tag := domain.Label{ID: "0190c7a0-0000-7000-8000-0000000000aa", ProjectID: p, Kind: domain.KindTag, Name: "beacon", At: time.Now()}
	lost.TagIDs = []string{tag.ID}
	e.save(racing)
	old := newTask(p, "Obsolete banner")
	e.save(old) // deleted at the source: the rebuild drops it

	src := e.source
	src.projects = []domain.Project{{ID: p, Name: "Website", Key: "WEB", Version: 1}}
	src.labels = []domain.Label{tag}
	src.tasks = []domain.Task{domain.TaskFromContract(lost), domain.TaskFromContract(racing)}
	src.comments = []domain.Comment{{ID: "0190c7a0-0000-7000-8000-0000000000bb", TaskID: lost.ID, ProjectID: p, Body: "the foghorn works", Version: 1}}
	src.users = []domain.User{{ID: ada.ID, Username: "ada", DisplayName: "Ada Lovelace", At: time.Now()}}
	src.duringTasks = func() {
		// While the rebuild runs: the old index still answers, and a
		// rename newer than what the rebuild read arrives.
		if got := e.find(ada, "banner"); got.Total != 1 {
			t.Errorf("during the rebuild the old index answered %v", got.titles())
		}
		racing.Version, racing.Title = 2, "Winning title"
		e.save(racing)
	}
	res := e.api.Must(t, http.StatusOK, apitest.Request{Method: "POST", Path: ports.RouteReindex, AppToken: appToken})
	var r struct{ Projects, Labels, Tasks, Comments, Users int }
	if err := json.Unmarshal(res.Body, &r); err != nil || r.Tasks != 2 || r.Comments != 1 || r.Users != 1 || r.Projects != 1 {
		t.Fatalf("rebuilt %s", res.Body)
	}
	for q, want := range map[string][]string{
		"lighthouse": {"Lost lighthouse"}, "beacon": {"Lost lighthouse"}, "foghorn": {"Lost lighthouse"},
		"lovelace": {"Lost lighthouse"}, "winning": {"Winning title"}, "racing": nil, "banner": nil,
	} {
		if got := e.find(ada, q).titles(); !slices.Equal(got, want) {
			t.Fatalf("after the rebuild %q found %v, want %v", q, got, want)
		}
	}
	// Events keep flowing into the new index.
	fresh := newTask(p, "Fresh paint")
	e.save(fresh)
	if got := e.find(ada, "paint").titles(); !slices.Equal(got, []string{"Fresh paint"}) {
		t.Fatalf("after the rebuild an event gave %v", got)
	}
	e.api.Refuse(t, http.StatusUnauthorized, "sidecar_token_required", apitest.Request{Method: "POST", Path: ports.RouteReindex})
}
