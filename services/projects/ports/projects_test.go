package ports_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
)

func TestCreateProjectMakesTheCallerOwner(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.newUser()
	res := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/projects", Token: ada.Token, Body: map[string]any{
		"name": "  Analytical Engine  ", "description": "# Notes\n\nBernoulli numbers.", "color": "#A1B2C3", "key": "AE",
	}})
	p := res.JSON(t)
	id := p["id"].(string)
	mustEqual(t, "location", res.Header.Get("Location"), "/api/v1/projects/"+id)
	for field, want := range map[string]any{
		"name": "Analytical Engine", "description": "# Notes\n\nBernoulli numbers.", "color": "#a1b2c3", "key": "AE",
		"ownerId": ada.ID, "role": "owner", "archived": false, "archivedAt": nil, "memberCount": float64(1),
	} {
		if p[field] != want {
			t.Errorf("%s = %v, want %v", field, p[field], want)
		}
	}
	if !strings.HasPrefix(id, "") || len(id) != 36 || id[14] != '7' {
		t.Errorf("id %q is not a UUIDv7", id)
	}
	got := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/projects/" + id, Token: ada.Token}).JSON(t)
	mustEqual(t, "read back", fmt.Sprint(got), fmt.Sprint(p))

	created := e.outboxEvents(contracts.EventProjectCreated)
	if len(created) != 1 {
		t.Fatalf("%d project.created events", len(created))
	}
	ev := contracttest.Decode[contracts.ProjectCreated](t, created[0])
	mustEqual(t, "subject", created[0].Subject, id)
	mustEqual(t, "event owner", ev.OwnerID, ada.ID)
	mustEqual(t, "event key", ev.Key, "AE")

	// Keys are unique per owner; another owner may reuse one.
	e.fail(http.StatusConflict, "project_key_taken", req{Method: "POST", Path: "/api/v1/projects", Token: ada.Token,
		Body: map[string]any{"name": "Other", "key": "AE"}})
	e.createProject(e.newUser(), "Their engine", "AE")
}

func TestProjectsOfOthersAreInvisible(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, eve := e.newUser(), e.newUser()
	id := e.createProject(ada, "Secret", "SEC")["id"].(string)
	base := "/api/v1/projects/" + id
	before := e.counts()
	for _, r := range []req{
		{Method: "GET", Path: base},
		{Method: "PATCH", Path: base, Body: map[string]any{"name": "Mine"}},
		{Method: "DELETE", Path: base},
		{Method: "POST", Path: base + "/archive"},
		{Method: "POST", Path: base + "/unarchive"},
		{Method: "POST", Path: base + "/transfer", Body: map[string]any{"userId": eve.ID}},
		{Method: "POST", Path: base + "/leave"},
		{Method: "GET", Path: base + "/members"},
		{Method: "POST", Path: base + "/members", Body: map[string]any{"userId": eve.ID, "role": "participant"}},
		{Method: "PATCH", Path: base + "/members/" + ada.ID, Body: map[string]any{"role": "participant"}},
		{Method: "DELETE", Path: base + "/members/" + ada.ID},
	} {
		r.Token = eve.Token
		t.Run(r.Method+" "+strings.TrimPrefix(r.Path, base), func(t *testing.T) {
			e.on(t).fail(http.StatusNotFound, "project_not_found", r)
		})
	}
	list := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/projects?archived=all", Token: eve.Token}).JSON(t)
	if items := list["items"].([]any); len(items) != 0 {
		t.Fatalf("eve sees %v", items)
	}
	if after := e.counts(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("a stranger's requests wrote rows: %v -> %v", before, after)
	}
}

func TestParticipantsReadButOnlyTheOwnerManages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, carl := e.newUser(), e.newUser(), e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	e.addMember(ada, id, bob)
	e.addMember(ada, id, carl)
	base := "/api/v1/projects/" + id

	p := e.must(http.StatusOK, req{Method: "GET", Path: base, Token: bob.Token}).JSON(t)
	mustEqual(t, "bob's role", p["role"], any("participant"))
	mustEqual(t, "member count", p["memberCount"], any(float64(3)))
	e.must(http.StatusOK, req{Method: "GET", Path: base + "/members", Token: bob.Token})

	for _, r := range []req{
		{Method: "PATCH", Path: base, Body: map[string]any{"name": "Mine"}},
		{Method: "DELETE", Path: base},
		{Method: "POST", Path: base + "/archive"},
		{Method: "POST", Path: base + "/unarchive"},
		{Method: "POST", Path: base + "/transfer", Body: map[string]any{"userId": bob.ID}},
		{Method: "POST", Path: base + "/members", Body: map[string]any{"userId": e.newUser().ID, "role": "participant"}},
		{Method: "PATCH", Path: base + "/members/" + carl.ID, Body: map[string]any{"role": "participant"}},
		{Method: "DELETE", Path: base + "/members/" + carl.ID},
	} {
		r.Token = bob.Token
		t.Run(r.Method+" "+strings.TrimPrefix(r.Path, base), func(t *testing.T) {
			e.on(t).fail(http.StatusForbidden, "forbidden_role", r)
		})
	}
}

func TestUpdateProjectChangesOnlyWhatIsSent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.newUser()
	p := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/projects", Token: ada.Token, Body: map[string]any{
		"name": "Engine", "description": "old", "color": "#000000", "key": "ENG",
	}}).JSON(t)
	id := p["id"].(string)
	e.createProject(ada, "Other", "OTH")

	got := e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/projects/" + id, Token: ada.Token,
		Body: `{"name": "Difference Engine", "color": null, "description": ""}`}).JSON(t)
	mustEqual(t, "name", got["name"], any("Difference Engine"))
	mustEqual(t, "color kept", got["color"], any("#000000"))
	mustEqual(t, "description cleared", got["description"], any(""))
	mustEqual(t, "key kept", got["key"], any("ENG"))

	updated := e.outboxEvents(contracts.EventProjectUpdated)
	if len(updated) != 1 {
		t.Fatalf("%d project.updated events", len(updated))
	}
	ev := contracttest.Decode[contracts.ProjectUpdated](t, updated[0])
	if !slices.Equal(ev.Changed, []string{"name", "description"}) {
		t.Fatalf("changed %v", ev.Changed)
	}
	if len(ev.Previous) != 2 || ev.Previous["name"] != "Engine" || ev.Previous["description"] != "old" {
		t.Fatalf("previous %v", ev.Previous)
	}

	// Sending the same values again changes nothing and announces nothing.
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/projects/" + id, Token: ada.Token, Body: map[string]any{"name": "Difference Engine"}})
	if n := len(e.outboxEvents(contracts.EventProjectUpdated)); n != 1 {
		t.Fatalf("a no-op update was announced (%d events)", n)
	}
	e.fail(http.StatusConflict, "project_key_taken", req{Method: "PATCH", Path: "/api/v1/projects/" + id, Token: ada.Token, Body: map[string]any{"key": "OTH"}})
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/projects/" + id, Token: ada.Token, Body: map[string]any{"key": "DE2"}})
}

func TestArchivedProjectsAreReadOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.newUser(), e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	e.addMember(ada, id, bob)
	base := "/api/v1/projects/" + id

	for range 2 { // idempotent
		p := e.must(http.StatusOK, req{Method: "POST", Path: base + "/archive", Token: ada.Token}).JSON(t)
		mustEqual(t, "archived", p["archived"], any(true))
		if p["archivedAt"] == nil {
			t.Fatal("archivedAt not set")
		}
	}
	mustEqual(t, "archive events", len(e.outboxEvents(contracts.EventProjectArchived)), 1)

	before := e.counts()
	for _, r := range []req{
		{Method: "PATCH", Path: base, Token: ada.Token, Body: map[string]any{"name": "New"}},
		{Method: "POST", Path: base + "/members", Token: ada.Token, Body: map[string]any{"userId": e.newUser().ID, "role": "participant"}},
		{Method: "PATCH", Path: base + "/members/" + bob.ID, Token: ada.Token, Body: map[string]any{"role": "participant"}},
		{Method: "DELETE", Path: base + "/members/" + bob.ID, Token: ada.Token},
		{Method: "POST", Path: base + "/transfer", Token: ada.Token, Body: map[string]any{"userId": bob.ID}},
		{Method: "POST", Path: base + "/leave", Token: bob.Token},
	} {
		t.Run(r.Method+" "+strings.TrimPrefix(r.Path, base), func(t *testing.T) {
			e.on(t).fail(http.StatusConflict, "project_archived", r)
		})
	}
	if after := e.counts(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("writes to an archived project changed rows: %v -> %v", before, after)
	}
	e.must(http.StatusOK, req{Method: "GET", Path: base, Token: bob.Token})

	for range 2 {
		p := e.must(http.StatusOK, req{Method: "POST", Path: base + "/unarchive", Token: ada.Token}).JSON(t)
		mustEqual(t, "unarchived", p["archived"], any(false))
		mustEqual(t, "archivedAt", p["archivedAt"], nil)
	}
	mustEqual(t, "unarchive events", len(e.outboxEvents(contracts.EventProjectUnarchived)), 1)
	e.must(http.StatusOK, req{Method: "PATCH", Path: base, Token: ada.Token, Body: map[string]any{"name": "New"}})
}

func TestDeleteProjectRemovesItForEveryone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.newUser(), e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	e.addMember(ada, id, bob)
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/projects/" + id + "/archive", Token: ada.Token})

	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/projects/" + id, Token: ada.Token})
	for _, u := range []user{ada, bob} {
		e.fail(http.StatusNotFound, "project_not_found", req{Method: "GET", Path: "/api/v1/projects/" + id, Token: u.Token})
	}
	e.fail(http.StatusNotFound, "project_not_found", req{Method: "DELETE", Path: "/api/v1/projects/" + id, Token: ada.Token})
	if c := e.counts(); c["projects"] != 0 || c["project_members"] != 0 {
		t.Fatalf("rows left: %v", c)
	}
	deleted := e.outboxEvents(contracts.EventProjectDeleted)
	if len(deleted) != 1 {
		t.Fatalf("%d project.deleted events", len(deleted))
	}
	ev := contracttest.Decode[contracts.ProjectDeleted](t, deleted[0])
	if ev.ProjectID != id || ev.Actor.UserID != ada.ID || !slices.Equal(ev.MemberIDs, []string{ada.ID, bob.ID}) {
		t.Fatalf("project.deleted %+v", ev)
	}
	// The key is free again.
	e.createProject(ada, "Engine again", "ENG")
}
