package ports_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
)

func projectMembers(t *testing.T, res response) contracts.ProjectMembers {
	t.Helper()
	var pm contracts.ProjectMembers
	if err := json.Unmarshal(res.Body, &pm); err != nil {
		t.Fatalf("not ProjectMembers: %v: %s", err, res.Body)
	}
	return pm
}

// The whole membership of a project, at the version of the last event
// published about it: what a membership view loads on a miss.
func TestInternalContractAnswersAProjectsMembersWithItsVersion(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, carl := e.newUser(), e.newUser(), e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	e.addMember(ada, id, bob)
	e.addMember(ada, id, carl)
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/projects/" + id + "/members/" + carl.ID, Token: ada.Token})
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/projects/" + id + "/archive", Token: ada.Token})

	path := "/internal/projects/" + id + "/members"
	got := projectMembers(t, e.must(http.StatusOK, req{Method: "GET", Path: path, AppToken: appToken}))
	want := contracts.ProjectMembers{ProjectID: id, Version: 5, Archived: true, Members: []contracts.ProjectMember{
		{UserID: ada.ID, Role: "owner"}, {UserID: bob.ID, Role: "participant"},
	}}
	if got.ProjectID != want.ProjectID || got.Version != want.Version || got.Archived != want.Archived ||
		!slices.Equal(got.Members, want.Members) {
		t.Fatalf("members %+v, want %+v", got, want)
	}

	for name, tc := range map[string]req{
		"unknown-project":  {Method: "GET", Path: "/internal/projects/01900000-0000-7000-8000-000000000000/members", AppToken: appToken},
		"bad-project-id":   {Method: "GET", Path: "/internal/projects/x/members", AppToken: appToken},
		"no-sidecar-token": {Method: "GET", Path: path},
		"from-gateway":     {Method: "GET", Path: path, AppToken: appToken, Header: map[string]string{"dapr-caller-app-id": "gateway"}},
	} {
		t.Run(name, func(t *testing.T) {
			want := map[string]int{"no-sidecar-token": 401, "from-gateway": 403}[name]
			code := map[string]string{"no-sidecar-token": "sidecar_token_required", "from-gateway": "caller_not_allowed"}[name]
			if want == 0 {
				want, code = http.StatusNotFound, "project_not_found"
			}
			e.on(t).fail(want, code, tc)
		})
	}
}

// Every event about a project carries the next version, with no gap and
// no repeat, also when one change publishes several events (a deleted
// owner's project handed over under a new key).
func TestEveryProjectEventCarriesTheNextVersion(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, dan := e.newUser(), e.newUser(), e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	e.createProject(bob, "Bob's engine", "ENG")
	e.addMember(ada, id, bob)
	e.addMember(ada, id, dan)
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/projects/" + id + "/members/" + dan.ID, Token: ada.Token,
		Body: map[string]string{"role": "participant"}})
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/projects/" + id, Token: ada.Token, Body: map[string]string{"name": "Motor"}})
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/projects/" + id + "/archive", Token: ada.Token})
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/projects/" + id + "/unarchive", Token: ada.Token})
	// ada's account is deleted: bob takes over (key renamed, transfer) and
	// ada leaves, three events in one transaction.
	if got := e.deliver("/events/users/user-deleted", userDeleted(t, ada.ID)); got != "SUCCESS" {
		t.Fatalf("user.deleted: %s", got)
	}
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/projects/" + id, Token: bob.Token})

	e.allEventsValid()
	var versions []int64
	err := e.outbox.DB.Raw(`SELECT (payload->'data'->>'projectVersion')::bigint FROM outbox_events
		WHERE topic = 'projects' AND payload->>'subject' = ? ORDER BY seq`, id).Scan(&versions).Error
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) != 10 {
		t.Fatalf("%d events about the project, want 10: versions %v", len(versions), versions)
	}
	for i, v := range versions {
		if v != int64(i+1) {
			t.Fatalf("versions %v, want 1..10 in order", versions)
		}
	}
}
