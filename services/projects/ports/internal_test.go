package ports_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
)

func membership(t *testing.T, res response) contracts.Membership {
	t.Helper()
	var m contracts.Membership
	if err := json.Unmarshal(res.Body, &m); err != nil {
		t.Fatalf("not a Membership: %v: %s", err, res.Body)
	}
	return m
}

func TestInternalContractAnswersMembership(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, eve := e.newUser(), e.newUser(), e.newUser()
	p := e.createProject(ada, "Engine", "ENG")
	id := p["id"].(string)
	e.addMember(ada, id, bob)

	got := membership(t, e.must(http.StatusOK, req{Method: "GET", Path: "/internal/projects/" + id + "/members/" + bob.ID, AppToken: appToken}))
	want := contracts.Membership{ProjectID: id, ProjectName: "Engine", UserID: bob.ID, Role: "participant", Version: 2}
	if got != want {
		t.Fatalf("membership %+v, want %+v", got, want)
	}
	got = membership(t, e.must(http.StatusOK, req{Method: "GET", Path: "/internal/projects/" + id + "/members/" + ada.ID, AppToken: appToken}))
	mustEqual(t, "owner role", got.Role, "owner")

	for name, path := range map[string]string{
		"non-member":      "/internal/projects/" + id + "/members/" + eve.ID,
		"unknown-project": "/internal/projects/01900000-0000-7000-8000-000000000000/members/" + ada.ID,
		"bad-project-id":  "/internal/projects/not-a-uuid/members/" + ada.ID,
		"bad-user-id":     "/internal/projects/" + id + "/members/1%27%20OR%201=1--",
	} {
		t.Run(name, func(t *testing.T) {
			e.on(t).fail(http.StatusNotFound, "project_not_found", req{Method: "GET", Path: path, AppToken: appToken})
		})
	}

	// A removed member loses access at once.
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/projects/" + id + "/members/" + bob.ID, Token: ada.Token})
	e.fail(http.StatusNotFound, "project_not_found", req{Method: "GET", Path: "/internal/projects/" + id + "/members/" + bob.ID, AppToken: appToken})

	// Archived projects are marked.
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/projects/" + id + "/archive", Token: ada.Token})
	got = membership(t, e.must(http.StatusOK, req{Method: "GET", Path: "/internal/projects/" + id + "/members/" + ada.ID, AppToken: appToken}))
	mustEqual(t, "archived", got.Archived, true)
}

func TestInternalContractListsAUsersProjects(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.newUser(), e.newUser()
	a := e.createProject(ada, "Alpha", "ALP")["id"].(string)
	b := e.createProject(bob, "Beta", "BET")["id"].(string)
	e.addMember(bob, b, ada)
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/projects/" + a + "/archive", Token: ada.Token})

	var got contracts.UserProjects
	res := e.must(http.StatusOK, req{Method: "GET", Path: "/internal/users/" + ada.ID + "/projects", AppToken: appToken})
	if err := json.Unmarshal(res.Body, &got); err != nil {
		t.Fatal(err)
	}
	want := []contracts.Membership{
		{ProjectID: a, ProjectName: "Alpha", UserID: ada.ID, Role: "owner", Archived: true, Version: 2},
		{ProjectID: b, ProjectName: "Beta", UserID: ada.ID, Role: "participant", Version: 2},
	}
	if got.UserID != ada.ID || len(got.Projects) != 2 || got.Projects[0] != want[0] || got.Projects[1] != want[1] {
		t.Fatalf("user projects %+v, want %+v", got, want)
	}

	res = e.must(http.StatusOK, req{Method: "GET", Path: "/internal/users/01900000-0000-7000-8000-000000000000/projects", AppToken: appToken})
	if string(res.Body) != `{"userId":"01900000-0000-7000-8000-000000000000","projects":[]}` {
		t.Fatalf("no memberships: %s", res.Body)
	}
	e.fail(http.StatusNotFound, "user_not_found", req{Method: "GET", Path: "/internal/users/nope/projects", AppToken: appToken})
}

func TestInternalAddMemberIsIdempotent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.newUser(), e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	inv := "01900000-0000-7000-8000-0000000000aa"
	join := func(u user) req {
		return req{Method: "POST", Path: "/internal/projects/" + id + "/members", AppToken: appToken,
			Body: contracts.AddMemberRequest{UserID: u.ID, Role: "participant", InvitationID: inv, ActorID: u.ID}}
	}
	for range 2 {
		got := membership(t, e.must(http.StatusOK, join(bob)))
		mustEqual(t, "membership", got, contracts.Membership{ProjectID: id, ProjectName: "Engine", UserID: bob.ID, Role: "participant", Version: 2})
	}
	added := e.outboxEvents(contracts.EventProjectMemberAdded)
	if len(added) != 1 {
		t.Fatalf("%d member_added events, want 1", len(added))
	}
	ev := contracttest.Decode[contracts.ProjectMemberAdded](t, added[0])
	mustEqual(t, "invitation id", ev.InvitationID, inv)
	mustEqual(t, "actor", ev.Actor.UserID, bob.ID)

	// The owner keeps their role when "joining" again.
	got := membership(t, e.must(http.StatusOK, join(ada)))
	mustEqual(t, "owner keeps role", got.Role, "owner")

	tests := []struct {
		name   string
		req    req
		status int
		code   string
	}{
		{"no-sidecar-token", req{Method: "POST", Path: "/internal/projects/" + id + "/members", Body: `{}`}, 401, "sidecar_token_required"},
		{"from-gateway", req{Method: "GET", Path: "/internal/users/" + ada.ID + "/projects", AppToken: appToken,
			Header: map[string]string{"dapr-caller-app-id": "gateway"}}, 403, "caller_not_allowed"},
		{"unknown-project", req{Method: "POST", Path: "/internal/projects/01900000-0000-7000-8000-000000000000/members", AppToken: appToken,
			Body: contracts.AddMemberRequest{UserID: bob.ID, ActorID: bob.ID}}, 404, "project_not_found"},
		{"bad-project-id", req{Method: "POST", Path: "/internal/projects/x/members", AppToken: appToken,
			Body: contracts.AddMemberRequest{UserID: bob.ID, ActorID: bob.ID}}, 404, "project_not_found"},
		{"owner-role", req{Method: "POST", Path: "/internal/projects/" + id + "/members", AppToken: appToken,
			Body: contracts.AddMemberRequest{UserID: e.newUser().ID, Role: "owner", ActorID: ada.ID}}, 409, "use_transfer"},
		{"bad-user-id", req{Method: "POST", Path: "/internal/projects/" + id + "/members", AppToken: appToken,
			Body: contracts.AddMemberRequest{UserID: "bob", ActorID: ada.ID}}, 400, "validation_failed"},
		{"wrong-type", req{Method: "POST", Path: "/internal/projects/" + id + "/members", AppToken: appToken,
			Body: `{"userId": 7}`}, 400, "invalid_field_type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { e.on(t).fail(tc.status, tc.code, tc.req) })
	}

	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/projects/" + id + "/archive", Token: ada.Token})
	carl := e.newUser()
	e.fail(http.StatusConflict, "project_archived", join(carl))
	// An existing member still gets their membership (nothing is written).
	mustEqual(t, "member of archived", membership(t, e.must(http.StatusOK, join(bob))).Archived, true)
}
