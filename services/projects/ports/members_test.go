package ports_test

import (
	"net/http"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
)

func TestOwnerAddsExistingUsersOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.newUser(), e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	path := "/api/v1/projects/" + id + "/members"

	m := e.must(http.StatusCreated, req{Method: "POST", Path: path, Token: ada.Token, Body: map[string]any{"userId": bob.ID, "role": "participant"}}).JSON(t)
	mustEqual(t, "userId", m["userId"], any(bob.ID))
	mustEqual(t, "role", m["role"], any("participant"))
	added := e.outboxEvents(contracts.EventProjectMemberAdded)
	if len(added) != 1 || contracttest.Decode[contracts.ProjectMemberAdded](t, added[0]).ProjectName != "Engine" {
		t.Fatalf("member_added events: %v", added)
	}

	lookups := e.users.lookups()
	e.fail(http.StatusConflict, "already_member", req{Method: "POST", Path: path, Token: ada.Token, Body: map[string]any{"userId": bob.ID, "role": "participant"}})
	e.fail(http.StatusConflict, "use_transfer", req{Method: "POST", Path: path, Token: ada.Token, Body: map[string]any{"userId": e.newUser().ID, "role": "owner"}})
	mustEqual(t, "refused adds cost no users lookup", e.users.lookups(), lookups)

	e.fail(http.StatusNotFound, "user_not_found", req{Method: "POST", Path: path, Token: ada.Token,
		Body: map[string]any{"userId": "01900000-0000-7000-8000-000000000000", "role": "participant"}})
	e.users.setDown(true)
	e.fail(http.StatusServiceUnavailable, "users_unavailable", req{Method: "POST", Path: path, Token: ada.Token, Body: map[string]any{"userId": e.newUser().ID, "role": "participant"}})
	e.users.setDown(false)
	mustEqual(t, "members", e.counts()["project_members"], int64(2))
}

func TestOwnerRemovesParticipantsButNotThemselves(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.newUser(), e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	e.addMember(ada, id, bob)
	base := "/api/v1/projects/" + id

	e.fail(http.StatusConflict, "cannot_remove_owner", req{Method: "DELETE", Path: base + "/members/" + ada.ID, Token: ada.Token})
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: base + "/members/" + bob.ID, Token: ada.Token})
	e.fail(http.StatusNotFound, "member_not_found", req{Method: "DELETE", Path: base + "/members/" + bob.ID, Token: ada.Token})
	e.fail(http.StatusNotFound, "member_not_found", req{Method: "DELETE", Path: base + "/members/not-a-uuid", Token: ada.Token})
	// Bob lost access at once.
	e.fail(http.StatusNotFound, "project_not_found", req{Method: "GET", Path: base, Token: bob.Token})

	removed := e.outboxEvents(contracts.EventProjectMemberRemoved)
	if len(removed) != 1 {
		t.Fatalf("%d member_removed events", len(removed))
	}
	ev := contracttest.Decode[contracts.ProjectMemberRemoved](t, removed[0])
	if ev.UserID != bob.ID || ev.Reason != "removed" || ev.Actor.UserID != ada.ID {
		t.Fatalf("member_removed %+v", ev)
	}
}

func TestParticipantsLeaveButTheOwnerMustTransfer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.newUser(), e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	e.addMember(ada, id, bob)
	base := "/api/v1/projects/" + id

	e.fail(http.StatusConflict, "owner_must_transfer", req{Method: "POST", Path: base + "/leave", Token: ada.Token})
	e.must(http.StatusNoContent, req{Method: "POST", Path: base + "/leave", Token: bob.Token})
	e.fail(http.StatusNotFound, "project_not_found", req{Method: "POST", Path: base + "/leave", Token: bob.Token})
	ev := contracttest.Decode[contracts.ProjectMemberRemoved](t, e.outboxEvents(contracts.EventProjectMemberRemoved)[0])
	if ev.UserID != bob.ID || ev.Reason != "left" || ev.Actor.UserID != bob.ID || ev.ProjectID != id {
		t.Fatalf("member_removed %+v", ev)
	}
}

func TestRolesChangeOnlyThroughTransferForOwnership(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.newUser(), e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	e.addMember(ada, id, bob)
	base := "/api/v1/projects/" + id

	m := e.must(http.StatusOK, req{Method: "PATCH", Path: base + "/members/" + bob.ID, Token: ada.Token, Body: map[string]any{"role": "participant"}}).JSON(t)
	mustEqual(t, "unchanged role", m["role"], any("participant"))
	e.fail(http.StatusConflict, "use_transfer", req{Method: "PATCH", Path: base + "/members/" + bob.ID, Token: ada.Token, Body: map[string]any{"role": "owner"}})
	e.fail(http.StatusConflict, "use_transfer", req{Method: "PATCH", Path: base + "/members/" + ada.ID, Token: ada.Token, Body: map[string]any{"role": "participant"}})
	e.fail(http.StatusBadRequest, "validation_failed", req{Method: "PATCH", Path: base + "/members/" + bob.ID, Token: ada.Token, Body: map[string]any{"role": "admin"}})
	e.fail(http.StatusNotFound, "member_not_found", req{Method: "PATCH", Path: base + "/members/" + e.newUser().ID, Token: ada.Token, Body: map[string]any{"role": "participant"}})
	mustEqual(t, "role events", len(e.outboxEvents(contracts.EventProjectMemberRoleChanged)), 0)
}

func TestTransferMovesOwnershipInOneStep(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, carl := e.newUser(), e.newUser(), e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	e.addMember(ada, id, bob)
	base := "/api/v1/projects/" + id

	e.fail(http.StatusNotFound, "member_not_found", req{Method: "POST", Path: base + "/transfer", Token: ada.Token, Body: map[string]any{"userId": carl.ID}})
	e.fail(http.StatusBadRequest, "validation_failed", req{Method: "POST", Path: base + "/transfer", Token: ada.Token, Body: map[string]any{"userId": "bob"}})
	// A transfer to oneself changes nothing.
	p := e.must(http.StatusOK, req{Method: "POST", Path: base + "/transfer", Token: ada.Token, Body: map[string]any{"userId": ada.ID}}).JSON(t)
	mustEqual(t, "still owner", p["role"], any("owner"))

	p = e.must(http.StatusOK, req{Method: "POST", Path: base + "/transfer", Token: ada.Token, Body: map[string]any{"userId": bob.ID}}).JSON(t)
	mustEqual(t, "ada is now", p["role"], any("participant"))
	mustEqual(t, "owner id", p["ownerId"], any(bob.ID))
	mustEqual(t, "bob is now", e.must(http.StatusOK, req{Method: "GET", Path: base, Token: bob.Token}).JSON(t)["role"], any("owner"))
	e.fail(http.StatusForbidden, "forbidden_role", req{Method: "PATCH", Path: base, Token: ada.Token, Body: map[string]any{"name": "x"}})
	e.must(http.StatusNoContent, req{Method: "POST", Path: base + "/leave", Token: ada.Token})

	transfers := e.outboxEvents(contracts.EventProjectOwnershipTransferred)
	if len(transfers) != 1 {
		t.Fatalf("%d transfer events", len(transfers))
	}
	ev := contracttest.Decode[contracts.ProjectOwnershipTransferred](t, transfers[0])
	if ev.PreviousOwnerID != ada.ID || ev.NewOwnerID != bob.ID || ev.Actor.UserID != ada.ID {
		t.Fatalf("transfer %+v", ev)
	}

	// The new owner cannot hold two projects with one key.
	other := e.createProject(carl, "Carl's engine", "ENG")["id"].(string)
	e.addMember(carl, other, bob)
	e.fail(http.StatusConflict, "project_key_taken", req{Method: "POST", Path: "/api/v1/projects/" + other + "/transfer", Token: carl.Token, Body: map[string]any{"userId": bob.ID}})
	mustEqual(t, "carl still owns", e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/projects/" + other, Token: carl.Token}).JSON(t)["role"], any("owner"))
}

func TestTheDatabaseAllowsOneOwnerPerProject(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.newUser(), e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	e.addMember(ada, id, bob)
	err := e.db.Exec(`UPDATE project_members SET role = 'owner' WHERE project_id = ? AND user_id = ?`, id, bob.ID).Error
	if err == nil {
		t.Fatal("a second owner was stored")
	}
}

func TestMembersCarryTheirNames(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, carl, eve := e.newUser(), e.newUser(), e.newUser(), e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	base := "/api/v1/projects/" + id
	named := func(what string, m map[string]any, u user) {
		t.Helper()
		if m["userId"] != u.ID || m["username"] != u.Username || m["displayName"] != u.DisplayName {
			t.Fatalf("%s: %v, want %s @%s %q", what, m, u.ID, u.Username, u.DisplayName)
		}
	}
	list := func(query string) []map[string]any {
		t.Helper()
		lookups := e.users.lookups()
		page := e.must(http.StatusOK, req{Method: "GET", Path: base + "/members" + query, Token: bob.Token}).JSON(t)
		mustEqual(t, "users lookups per page", e.users.lookups(), lookups+1)
		var out []map[string]any
		for _, it := range page["items"].([]any) {
			out = append(out, it.(map[string]any))
		}
		if len(e.users.lastBatch()) != len(out) {
			t.Fatalf("looked up %v for %d members", e.users.lastBatch(), len(out))
		}
		return out
	}

	added := e.must(http.StatusCreated, req{Method: "POST", Path: base + "/members", Token: ada.Token,
		Body: map[string]any{"userId": bob.ID, "role": "participant"}}).JSON(t)
	named("added", added, bob)
	e.addMember(ada, id, carl)
	members := list("")
	if len(members) != 3 {
		t.Fatalf("members: %v", members)
	}
	named("owner", members[0], ada)
	named("participant", members[1], bob)
	named("participant", members[2], carl)
	first := list("?limit=2")
	named("first page", first[1], bob)
	changed := e.must(http.StatusOK, req{Method: "PATCH", Path: base + "/members/" + carl.ID, Token: ada.Token,
		Body: map[string]any{"role": "participant"}}).JSON(t)
	named("role change", changed, carl)

	// A member whose account is gone is listed without a name.
	e.users.forget(carl.ID)
	gone := list("")[2]
	if v, ok := gone["username"]; !ok || v != nil || gone["displayName"] != nil || gone["userId"] != carl.ID {
		t.Fatalf("member without an account: %v", gone)
	}

	// Refused requests cost no lookup.
	lookups := e.users.lookups()
	e.fail(http.StatusNotFound, "project_not_found", req{Method: "GET", Path: base + "/members", Token: eve.Token})
	e.fail(http.StatusConflict, "use_transfer", req{Method: "PATCH", Path: base + "/members/" + bob.ID, Token: ada.Token, Body: map[string]any{"role": "owner"}})
	e.fail(http.StatusNotFound, "member_not_found", req{Method: "PATCH", Path: base + "/members/" + eve.ID, Token: ada.Token, Body: map[string]any{"role": "participant"}})
	e.fail(http.StatusForbidden, "forbidden_role", req{Method: "PATCH", Path: base + "/members/" + carl.ID, Token: bob.Token, Body: map[string]any{"role": "participant"}})
	mustEqual(t, "users lookups of refused requests", e.users.lookups(), lookups)

	// Without the users service the members cannot be named.
	e.users.setDown(true)
	e.fail(http.StatusServiceUnavailable, "users_unavailable", req{Method: "GET", Path: base + "/members", Token: bob.Token})
	e.fail(http.StatusServiceUnavailable, "users_unavailable", req{Method: "PATCH", Path: base + "/members/" + bob.ID, Token: ada.Token, Body: map[string]any{"role": "participant"}})
	e.users.setDown(false)
	mustEqual(t, "role events", len(e.outboxEvents(contracts.EventProjectMemberRoleChanged)), 0)
}
