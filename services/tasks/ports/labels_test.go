package ports_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
)

// Categories and tags behave alike; each case runs for both.
var labelKinds = []struct {
	path, created, updated, deleted, taken, notFound string
}{
	{"categories", contracts.EventCategoryCreated, contracts.EventCategoryUpdated, contracts.EventCategoryDeleted, "category_name_taken", "category_not_found"},
	{"tags", contracts.EventTagCreated, contracts.EventTagUpdated, contracts.EventTagDeleted, "tag_name_taken", "tag_not_found"},
}

func TestLabelsHaveUniqueNamesPerProjectIgnoringCase(t *testing.T) {
	t.Parallel()
	for _, k := range labelKinds {
		t.Run(k.path, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			owner, ada := e.user(), e.user()
			pid, other := e.projects.project(owner.ID, ada.ID), e.projects.project(owner.ID)
			path := fmt.Sprintf("/api/v1/projects/%s/%s", pid, k.path)
			res := e.must(http.StatusCreated, req{Method: "POST", Path: path, Token: ada.Token, Body: map[string]any{"name": " Bugs ", "color": "#FF8800"}})
			created := res.JSON(t)
			if created["name"] != "Bugs" || created["color"] != "#ff8800" || created["projectId"] != pid {
				t.Fatalf("created %v", created)
			}
			if res := e.do(req{Method: "POST", Path: path, Token: owner.Token, Body: map[string]any{"name": "bUGS"}}); res.Status != http.StatusConflict || res.Code() != k.taken {
				t.Fatalf("same name, other case: %d %s", res.Status, res.Body)
			}
			e.createLabel(owner, other, k.path, "Bugs") // another project may have it
			second := e.createLabel(owner, pid, k.path, "Alpha")
			if e.json(req{Method: "GET", Path: path, Token: ada.Token})["items"].([]any)[0].(map[string]any)["id"] != second {
				t.Fatal("list is not ordered by name")
			}
			if res := e.do(req{Method: "PATCH", Path: path + "/" + second, Token: owner.Token, Body: map[string]any{"name": "BUGS"}}); res.Status != http.StatusConflict || res.Code() != k.taken {
				t.Fatalf("rename onto a taken name: %d %s", res.Status, res.Body)
			}
			renamed := e.must(http.StatusOK, req{Method: "PATCH", Path: path + "/" + second, Token: owner.Token, Body: map[string]any{"name": "Beta", "color": "#000000"}}).JSON(t)
			if renamed["name"] != "Beta" || renamed["color"] != "#000000" {
				t.Fatalf("renamed %v", renamed)
			}
			e.must(http.StatusOK, req{Method: "PATCH", Path: path + "/" + second, Token: owner.Token, Body: map[string]any{"name": "Beta"}})
			if n := len(e.outboxEvents(k.updated)); n != 1 {
				t.Fatalf("%d update events (a no-op rename announces nothing)", n)
			}
			if p := contracttest.Decode[map[string]any](t, e.outboxEvents(k.created)[0]); p["name"] != "Bugs" || p["projectId"] != pid {
				t.Fatalf("created event %v", p)
			}
			// Another project's label is not found through this project.
			foreign := e.createLabel(owner, other, k.path, "Foreign")
			if res := e.do(req{Method: "DELETE", Path: path + "/" + foreign, Token: owner.Token}); res.Status != http.StatusNotFound || res.Code() != k.notFound {
				t.Fatalf("foreign label: %d %s", res.Status, res.Body)
			}
		})
	}
}

func TestDeletingALabelDetachesItFromItsTasks(t *testing.T) {
	t.Parallel()
	for _, k := range labelKinds {
		t.Run(k.path, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			owner := e.user()
			pid := e.projects.project(owner.ID)
			doomed := e.createLabel(owner, pid, k.path, "Doomed")
			kept := e.createLabel(owner, pid, k.path, "Kept")
			field := map[string]string{"categories": "categoryId", "tags": "tagIds"}[k.path]
			value := func(id string) any {
				if k.path == "tags" {
					return []string{id}
				}
				return id
			}
			with := e.createTask(owner, pid, map[string]any{"title": "With", field: value(doomed)})
			other := e.createTask(owner, pid, map[string]any{"title": "Other", field: value(kept)})
			e.must(http.StatusNoContent, req{Method: "DELETE", Path: fmt.Sprintf("/api/v1/projects/%s/%s/%s", pid, k.path, doomed), Token: owner.Token})

			got := e.getTask(owner, with.ID)
			if got.CategoryID != nil || len(got.TagIDs) != 0 || got.Version != 2 {
				t.Fatalf("task keeps the deleted label: %+v", got)
			}
			if got := e.getTask(owner, other.ID); got.Version != 1 {
				t.Fatalf("an unrelated task changed: %+v", got)
			}
			p := contracttest.Decode[map[string]any](t, e.outboxEvents(k.deleted)[0])
			if p["detachedTasks"] != float64(1) || p["name"] != "Doomed" {
				t.Fatalf("deleted event %v", p)
			}
			if filtered := e.list(owner, "/api/v1/projects/"+pid+"/tasks?"+map[string]string{"categories": "category", "tags": "tag"}[k.path]+"="+url.QueryEscape(doomed)); len(filtered.Items) != 0 {
				t.Fatalf("still filtered by the deleted label: %v", filtered.Items)
			}
			page := e.json(req{Method: "GET", Path: fmt.Sprintf("/api/v1/projects/%s/%s", pid, k.path), Token: owner.Token})
			if items := page["items"].([]any); len(items) != 1 || items[0].(map[string]any)["id"] != kept {
				t.Fatalf("list after delete %v", items)
			}
		})
	}
}

func TestLabelListsArePaged(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.projects.project(owner.ID)
	var want []string
	for _, name := range []string{"delta", "Alpha", "charlie", "Bravo", "echo"} {
		e.createLabel(owner, pid, "tags", name)
	}
	want = []string{"Alpha", "Bravo", "charlie", "delta", "echo"}
	var got []string
	path := "/api/v1/projects/" + pid + "/tags?limit=2"
	for path != "" {
		page := e.json(req{Method: "GET", Path: path, Token: owner.Token})
		for _, it := range page["items"].([]any) {
			got = append(got, it.(map[string]any)["name"].(string))
		}
		path = ""
		if next, _ := page["nextCursor"].(string); next != "" {
			path = "/api/v1/projects/" + pid + "/tags?limit=2&cursor=" + url.QueryEscape(next)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("pages %v, want %v", got, want)
	}
	if res := e.do(req{Method: "GET", Path: "/api/v1/projects/" + pid + "/tags?cursor=eyJuIjoiYVx1MDAwMCIsImkiOiIwMTkzN2QyZS0xYzNmLTdhMDAtODAwMC0wMDAwMDAwMDAwMDEifQ", Token: owner.Token}); res.Status != http.StatusBadRequest || res.Code() != "invalid_cursor" {
		t.Fatalf("cursor with a NUL: %d %s", res.Status, res.Body)
	}
}
