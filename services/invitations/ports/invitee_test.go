package ports_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
)

func acceptPath(id any) string { return "/api/v1/invitations/" + id.(string) + "/accept" }
func rejectPath(id any) string { return "/api/v1/invitations/" + id.(string) + "/reject" }

func TestMyInvitations(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, eve := e.account("ada"), e.account("bob"), e.account("eve")
	apollo := e.projects.create(ada.ID, "Apollo")
	gemini := e.projects.create(ada.ID, "Gemini")
	mercury := e.projects.create(eve.ID, "Mercury")

	byName := e.invite(ada, apollo, map[string]any{"username": "bob"})
	e.clock.Advance(time.Second)
	byEmail := e.invite(ada, gemini, map[string]any{"email": "Bob@Example.com"})
	e.clock.Advance(time.Second)
	e.invite(eve, mercury, map[string]any{"username": "ada"}) // someone else's
	e.clock.Advance(time.Second)
	stale := e.invite(eve, mercury, map[string]any{"username": "bob"})
	e.clock.Advance(time.Second)
	declined := e.invite(ada, e.projects.create(ada.ID, "Vostok"), map[string]any{"username": "bob"})
	e.must(http.StatusOK, req{Method: "POST", Path: rejectPath(declined["id"]), Token: bob.Token})

	items, _ := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/invitations", Token: bob.Token}).items(t)
	if want := []string{stale["id"].(string), byEmail["id"].(string), byName["id"].(string)}; !slices.Equal(ids(items), want) {
		t.Fatalf("bob's pending invitations %v, want %v", ids(items), want)
	}
	names := []string{}
	for _, it := range items {
		names = append(names, it["projectName"].(string))
	}
	if !slices.Equal(names, []string{"Mercury", "Gemini", "Apollo"}) {
		t.Fatalf("project names %v", names)
	}

	// Paged like every list.
	first, next := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/invitations?limit=2", Token: bob.Token}).items(t)
	rest, last := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/invitations?limit=2&cursor=" + next, Token: bob.Token}).items(t)
	if len(first) != 2 || next == "" || len(rest) != 1 || last != "" || rest[0]["id"] != byName["id"] {
		t.Fatalf("pages %v | %v (next %q, last %q)", ids(first), ids(rest), next, last)
	}

	// Past their expiry, invitations leave the list.
	e.clock.Advance(ttl)
	if items, _ := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/invitations", Token: bob.Token}).items(t); len(items) != 0 {
		t.Fatalf("expired invitations listed: %v", ids(items))
	}
	// The users service down: the caller's address cannot be matched.
	e.users.setDown(true)
	e.refuse(http.StatusServiceUnavailable, "users_unavailable", req{Method: "GET", Path: "/api/v1/invitations", Token: bob.Token})
}

func TestAccept(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, eve := e.account("ada"), e.account("bob"), e.account("eve")
	project := e.projects.create(ada.ID, "Apollo")
	inv := e.invite(ada, project, map[string]any{"username": "bob"})

	e.refuse(http.StatusNotFound, "invitation_not_found", req{Method: "POST", Path: acceptPath(inv["id"]), Token: eve.Token})
	e.refuse(http.StatusNotFound, "invitation_not_found", req{Method: "POST", Path: acceptPath(inv["id"]), Token: ada.Token})
	if e.projects.role(project, eve.ID) != "" || len(e.projects.addCalls()) != 0 {
		t.Fatal("someone else's acceptance reached projects")
	}

	res := e.must(http.StatusOK, req{Method: "POST", Path: acceptPath(inv["id"]), Token: bob.Token})
	var body struct {
		Invitation map[string]any       `json:"invitation"`
		Membership contracts.Membership `json:"membership"`
	}
	if err := json.Unmarshal(res.Body, &body); err != nil {
		t.Fatal(err)
	}
	want := contracts.Membership{ProjectID: project, ProjectName: "Apollo", UserID: bob.ID, Role: "participant"}
	if body.Invitation["status"] != "accepted" || body.Invitation["decidedAt"] == nil || body.Membership != want {
		t.Fatalf("accept answered %s", res.Body)
	}
	if e.projects.role(project, bob.ID) != "participant" {
		t.Fatal("bob is not a member after accepting")
	}
	adds := e.projects.addCalls()
	if len(adds) != 1 || adds[0] != (contracts.AddMemberRequest{UserID: bob.ID, Role: "participant", InvitationID: inv["id"].(string), ActorID: bob.ID}) {
		t.Fatalf("add-member calls %+v", adds)
	}
	evs := e.outboxEvents(contracts.EventInvitationAccepted)
	if len(evs) != 1 {
		t.Fatalf("%d invitation.accepted events", len(evs))
	}
	p := contracttest.Decode[contracts.InvitationAccepted](t, evs[0])
	if p.Actor.UserID != bob.ID || p.Invitee.UserID != bob.ID || p.InvitedBy != ada.ID || p.ProjectName != "Apollo" || evs[0].Subject != inv["id"] {
		t.Fatalf("payload %+v", p)
	}

	// Accepting twice answers the same result and writes nothing.
	before := e.counts()
	again := e.must(http.StatusOK, req{Method: "POST", Path: acceptPath(inv["id"]), Token: bob.Token})
	if string(again.Body) != string(res.Body) {
		t.Fatalf("second accept answered\n%s\nfirst\n%s", again.Body, res.Body)
	}
	if after := e.counts(); after["outbox_events"] != before["outbox_events"] {
		t.Fatal("a repeated acceptance wrote an event")
	}
	e.refuse(http.StatusConflict, "invitation_not_pending", req{Method: "POST", Path: rejectPath(inv["id"]), Token: bob.Token})

	// Removed from the project since: the old invitation does not let him back in.
	e.projects.setMember(project, bob.ID, "")
	e.refuse(http.StatusConflict, "invitation_not_pending", req{Method: "POST", Path: acceptPath(inv["id"]), Token: bob.Token})
	if e.projects.role(project, bob.ID) != "" {
		t.Fatal("a removed member rejoined through an old invitation")
	}
}

// An invitation sent to an address before the account existed: the person
// who signed up with it accepts, and the account is attached.
func TestAcceptAnInvitationSentToAnAddress(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.account("ada")
	project := e.projects.create(ada.ID, "Apollo")
	inv := e.invite(ada, project, map[string]any{"email": "carol@example.com"})
	carol := e.account("carol")
	res := e.must(http.StatusOK, req{Method: "POST", Path: acceptPath(inv["id"]), Token: carol.Token})
	if res.invitation(t)["invitee"].(map[string]any)["email"] != "carol@example.com" || e.projects.role(project, carol.ID) != "participant" {
		t.Fatalf("accept answered %s", res.Body)
	}
	p := contracttest.Decode[contracts.InvitationAccepted](t, e.outboxEvents(contracts.EventInvitationAccepted)[0])
	if p.Invitee != (contracts.Invitee{UserID: carol.ID, Email: "carol@example.com"}) {
		t.Fatalf("event invitee %+v", p.Invitee)
	}
	var userID string
	e.db.Raw(`SELECT invitee_user_id FROM invitations WHERE id = ?`, inv["id"]).Scan(&userID)
	if userID != carol.ID {
		t.Fatalf("account not attached: %q", userID)
	}
}

func TestAcceptRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.account("ada"), e.account("bob")
	fresh := func(name string) (string, map[string]any) {
		p := e.projects.create(ada.ID, name)
		return p, e.invite(ada, p, map[string]any{"username": "bob"})
	}
	archived, invArchived := fresh("Archived")
	e.projects.archive(archived, true)
	_, invDown := fresh("Down")
	gone, invGone := fresh("Gone")
	e.projects.remove(gone)
	_, invRejected := fresh("Rejected")
	e.must(http.StatusOK, req{Method: "POST", Path: rejectPath(invRejected["id"]), Token: bob.Token})

	tests := []struct {
		name   string
		id     any
		status int
		code   string
		down   bool
	}{
		{"accept-409-archived", invArchived["id"], 409, "project_archived", false},
		{"accept-503-projects-down", invDown["id"], 503, "projects_unavailable", true},
		{"accept-404-project-gone", invGone["id"], 404, "project_not_found", false},
		{"accept-409-rejected", invRejected["id"], 409, "invitation_not_pending", false},
		{"accept-404-unknown", "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d", 404, "invitation_not_found", false},
		{"accept-404-malformed-id", "1%27%20OR%201=1--", 404, "invitation_not_found", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := e.counts()
			e.projects.setDown(tc.down)
			defer e.projects.setDown(false)
			e.refuse(tc.status, tc.code, req{Method: "POST", Path: acceptPath(tc.id), Token: bob.Token})
			if after := e.counts(); after["outbox_events"] != before["outbox_events"] {
				t.Fatalf("a refused acceptance wrote an event")
			}
		})
	}
	// Refused for a passing reason, the invitation is still pending.
	e.projects.archive(archived, false)
	e.must(http.StatusOK, req{Method: "POST", Path: acceptPath(invArchived["id"]), Token: bob.Token})
	e.must(http.StatusOK, req{Method: "POST", Path: acceptPath(invDown["id"]), Token: bob.Token})
}

// An invitation past its expiry is gone: accepting or rejecting marks it
// expired (announced once) and answers 410.
func TestAnsweringAnExpiredInvitation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.account("ada"), e.account("bob")
	project := e.projects.create(ada.ID, "Apollo")
	inv := e.invite(ada, project, map[string]any{"username": "bob"})
	e.clock.Advance(ttl + time.Minute)
	e.refuse(http.StatusGone, "invitation_expired", req{Method: "POST", Path: acceptPath(inv["id"]), Token: bob.Token})
	e.refuse(http.StatusGone, "invitation_expired", req{Method: "POST", Path: rejectPath(inv["id"]), Token: bob.Token})
	e.refuse(http.StatusGone, "invitation_expired", req{Method: "POST", Path: acceptPath(inv["id"]), Token: bob.Token})
	if len(e.projects.addCalls()) != 0 || e.projects.role(project, bob.ID) != "" {
		t.Fatal("an expired invitation made a member")
	}
	evs := e.outboxEvents(contracts.EventInvitationExpired)
	if len(evs) != 1 {
		t.Fatalf("%d invitation.expired events, want 1", len(evs))
	}
	if p := contracttest.Decode[contracts.InvitationExpired](t, evs[0]); p.Actor.UserID != ada.ID || p.Invitee.UserID != bob.ID {
		t.Fatalf("payload %+v", p)
	}
	items, _ := e.must(http.StatusOK, req{Method: "GET", Path: invitationsPath(project) + "?status=expired", Token: ada.Token}).items(t)
	if len(items) != 1 || items[0]["status"] != "expired" || items[0]["decidedAt"] == nil {
		t.Fatalf("expired list %v", items)
	}
}

func TestReject(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.account("ada"), e.account("bob")
	project := e.projects.create(ada.ID, "Apollo")
	inv := e.invite(ada, project, map[string]any{"email": "bob@example.com"})
	e.refuse(http.StatusNotFound, "invitation_not_found", req{Method: "POST", Path: rejectPath(inv["id"]), Token: ada.Token})

	first := e.must(http.StatusOK, req{Method: "POST", Path: rejectPath(inv["id"]), Token: bob.Token})
	if first.invitation(t)["status"] != "rejected" {
		t.Fatalf("reject answered %s", first.Body)
	}
	again := e.must(http.StatusOK, req{Method: "POST", Path: rejectPath(inv["id"]), Token: bob.Token})
	if string(again.Body) != string(first.Body) {
		t.Fatalf("second reject answered %s", again.Body)
	}
	evs := e.outboxEvents(contracts.EventInvitationRejected)
	if len(evs) != 1 {
		t.Fatalf("%d invitation.rejected events, want 1", len(evs))
	}
	if p := contracttest.Decode[contracts.InvitationRejected](t, evs[0]); p.Actor.UserID != bob.ID || p.Invitee != (contracts.Invitee{UserID: bob.ID, Email: "bob@example.com"}) {
		t.Fatalf("payload %+v", p)
	}
	e.refuse(http.StatusConflict, "invitation_not_pending", req{Method: "POST", Path: acceptPath(inv["id"]), Token: bob.Token})
	if e.projects.role(project, bob.ID) != "" {
		t.Fatal("a rejected invitation made a member")
	}
}
