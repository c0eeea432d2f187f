package ports_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
)

func TestSendByUsername(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.account("ada"), e.account("bob")
	project := e.projects.create(ada.ID, "Apollo")

	inv := e.invite(ada, project, map[string]any{"username": "Bob", "role": "participant", "message": "  Join us!\n"})
	invitee := inv["invitee"].(map[string]any)
	if invitee["userId"] != bob.ID || invitee["username"] != "bob" || invitee["email"] != nil {
		t.Fatalf("invitee %v", invitee)
	}
	created, _ := time.Parse(time.RFC3339Nano, inv["createdAt"].(string))
	expires, _ := time.Parse(time.RFC3339Nano, inv["expiresAt"].(string))
	if inv["status"] != "pending" || inv["projectId"] != project || inv["projectName"] != "Apollo" || inv["role"] != "participant" ||
		inv["message"] != "Join us!" || expires.Sub(created) != 7*24*time.Hour || inv["decidedAt"] != nil ||
		inv["invitedBy"].(map[string]any)["userId"] != ada.ID || inv["invitedBy"].(map[string]any)["username"] != "ada" {
		t.Fatalf("invitation %v", inv)
	}

	evs := e.outboxEvents(contracts.EventInvitationSent)
	if len(evs) != 1 || evs[0].Subject != inv["id"] {
		t.Fatalf("invitation.sent events %v", evs)
	}
	p := contracttest.Decode[contracts.InvitationSent](t, evs[0])
	if p.Actor.UserID != ada.ID || p.InvitationID != inv["id"] || p.ProjectID != project || p.ProjectName != "Apollo" ||
		p.Invitee != (contracts.Invitee{UserID: bob.ID}) || p.Role != "participant" || p.Message != "Join us!" || !p.ExpiresAt.Equal(expires) {
		t.Fatalf("payload %+v", p)
	}

	// Bob sees it; nobody else does.
	items, _ := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/invitations", Token: bob.Token}).items(t)
	if len(items) != 1 || items[0]["id"] != inv["id"] || items[0]["projectName"] != "Apollo" {
		t.Fatalf("bob's invitations %v", items)
	}
	if items, _ := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/invitations", Token: ada.Token}).items(t); len(items) != 0 {
		t.Fatalf("the owner sees the invitee's invitation: %v", items)
	}
}

// An address nobody has signed up with yet: the invitation waits, and the
// person who signs up with it (in any letter case) finds it.
func TestSendByEmailBeforeTheAccountExists(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.account("ada")
	project := e.projects.create(ada.ID, "Apollo")

	inv := e.invite(ada, project, map[string]any{"email": " Carol@Example.COM "})
	if inv["invitee"].(map[string]any)["email"] != "carol@example.com" || len(inv["invitee"].(map[string]any)) != 1 {
		t.Fatalf("invitee %v", inv["invitee"])
	}
	p := contracttest.Decode[contracts.InvitationSent](t, e.outboxEvents(contracts.EventInvitationSent)[0])
	if p.Invitee != (contracts.Invitee{Email: "carol@example.com"}) {
		t.Fatalf("event invitee %+v", p.Invitee)
	}
	// A second invitation to the same address, in other letters, waits for the first.
	e.refuse(http.StatusConflict, "invitation_pending", req{Method: "POST", Path: invitationsPath(project), Token: ada.Token,
		Body: map[string]any{"email": "CAROL@example.com"}})

	carol := e.account("carol") // signs up with carol@example.com
	items, _ := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/invitations", Token: carol.Token}).items(t)
	if len(items) != 1 || items[0]["id"] != inv["id"] {
		t.Fatalf("carol's invitations %v", items)
	}
}

// An address that belongs to an account is that account's invitation; the
// answer does not tell the owner whether the address has an account.
func TestSendByEmailOfAnExistingAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.account("ada"), e.account("bob")
	project := e.projects.create(ada.ID, "Apollo")

	inv := e.invite(ada, project, map[string]any{"email": "BOB@example.com"})
	if invitee := inv["invitee"].(map[string]any); invitee["userId"] != nil || invitee["email"] != "bob@example.com" {
		t.Fatalf("the answer reveals the account behind an address: %v", invitee)
	}
	p := contracttest.Decode[contracts.InvitationSent](t, e.outboxEvents(contracts.EventInvitationSent)[0])
	if p.Invitee != (contracts.Invitee{UserID: bob.ID, Email: "bob@example.com"}) {
		t.Fatalf("event invitee %+v", p.Invitee)
	}
	// Bob by username is the same person.
	e.refuse(http.StatusConflict, "invitation_pending", req{Method: "POST", Path: invitationsPath(project), Token: ada.Token,
		Body: map[string]any{"username": "bob"}})
	items, _ := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/invitations", Token: bob.Token}).items(t)
	if len(items) != 1 {
		t.Fatalf("bob's invitations %v", items)
	}
}

func TestSendRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, pat := e.account("ada"), e.account("bob"), e.account("pat")
	e.account("eve")
	project := e.projects.create(ada.ID, "Apollo")
	e.projects.setMember(project, pat.ID, contracts.RoleParticipant)
	archived := e.projects.create(ada.ID, "Old")
	e.projects.archive(archived, true)
	e.invite(ada, project, map[string]any{"username": "eve"})
	e.invite(ada, project, map[string]any{"email": "dan@example.com"})
	send := func(as account, projectID string, body map[string]any) req {
		return req{Method: "POST", Path: invitationsPath(projectID), Token: as.Token, Body: body}
	}
	tests := []struct {
		name   string
		req    req
		status int
		code   string
		down   string // "projects" or "users"
	}{
		{"send-404-not-a-member", send(bob, project, map[string]any{"username": "eve"}), 404, "project_not_found", ""},
		{"send-404-unknown-project", send(ada, "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d", map[string]any{"username": "bob"}), 404, "project_not_found", ""},
		{"send-404-malformed-project-id", send(ada, "not-a-uuid", map[string]any{"username": "bob"}), 404, "project_not_found", ""},
		{"send-403-participant", send(pat, project, map[string]any{"username": "bob"}), 403, "forbidden_role", ""},
		{"send-409-archived", send(ada, archived, map[string]any{"username": "bob"}), 409, "project_archived", ""},
		{"send-404-unknown-username", send(ada, project, map[string]any{"username": "nobody"}), 404, "user_not_found", ""},
		{"send-409-member-by-username", send(ada, project, map[string]any{"username": "pat"}), 409, "already_member", ""},
		{"send-409-member-by-email", send(ada, project, map[string]any{"email": "Pat@example.com"}), 409, "already_member", ""},
		{"send-409-self", send(ada, project, map[string]any{"username": "ada"}), 409, "already_member", ""},
		{"send-409-pending-by-username", send(ada, project, map[string]any{"username": "EVE"}), 409, "invitation_pending", ""},
		{"send-409-pending-by-email-of-the-account", send(ada, project, map[string]any{"email": "eve@example.com"}), 409, "invitation_pending", ""},
		{"send-409-pending-by-email", send(ada, project, map[string]any{"email": "Dan@Example.com"}), 409, "invitation_pending", ""},
		{"send-400-owner-role", send(ada, project, map[string]any{"username": "bob", "role": "owner"}), 400, "validation_failed", ""},
		{"send-400-both", send(ada, project, map[string]any{"username": "bob", "email": "bob@example.com"}), 400, "validation_failed", ""},
		{"send-400-neither", send(ada, project, map[string]any{"message": "hi"}), 400, "validation_failed", ""},
		{"send-400-message-501-runes", send(ada, project, map[string]any{"username": "bob", "message": strings.Repeat("é", 501)}), 400, "validation_failed", ""},
		{"send-401-no-token", req{Method: "POST", Path: invitationsPath(project), Body: map[string]any{"username": "bob"}}, 401, "token_missing", ""},
		{"send-401-forged-token", req{Method: "POST", Path: invitationsPath(project), Token: ada.Token + "x", Body: map[string]any{"username": "bob"}}, 401, "token_invalid", ""},
		{"send-503-projects-down", send(ada, project, map[string]any{"username": "bob"}), 503, "projects_unavailable", "projects"},
		{"send-503-users-down", send(ada, project, map[string]any{"username": "bob"}), 503, "users_unavailable", "users"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := e.counts()
			e.projects.setDown(tc.down == "projects")
			e.users.setDown(tc.down == "users")
			defer e.projects.setDown(false)
			defer e.users.setDown(false)
			e.refuse(tc.status, tc.code, tc.req)
			if after := e.counts(); after["invitations"] != before["invitations"] || after["outbox_events"] != before["outbox_events"] {
				t.Fatalf("a refused invitation wrote rows: %v -> %v", before, after)
			}
		})
	}
	// The refusals left Bob invitable.
	e.invite(ada, project, map[string]any{"username": "bob"})
}

// Owners inviting the same person at the same moment: the partial unique
// index decides, exactly one invitation is stored and announced.
func TestConcurrentSendsStoreOneInvitation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, ola := e.account("ada"), e.account("ola")
	e.account("bob")
	project := e.projects.create(ada.ID, "Apollo")
	e.projects.setMember(project, ola.ID, contracts.RoleOwner)

	const n = 6
	var (
		wg      sync.WaitGroup
		start   = make(chan struct{})
		results [n]response
	)
	for i := range n {
		wg.Go(func() {
			<-start
			owner, body := ada, map[string]any{"username": "bob"}
			if i%2 == 1 {
				owner, body = ola, map[string]any{"email": "bob@example.com"}
			}
			results[i] = e.do(req{Method: "POST", Path: invitationsPath(project), Token: owner.Token, Body: body})
		})
	}
	close(start)
	wg.Wait()
	created := 0
	for _, r := range results {
		switch {
		case r.Status == http.StatusCreated:
			created++
		case r.Status == http.StatusConflict && r.Code() == "invitation_pending":
		default:
			t.Errorf("unexpected answer %d %s", r.Status, r.Body)
		}
	}
	if created != 1 || len(e.outboxEvents(contracts.EventInvitationSent)) != 1 {
		t.Fatalf("%d invitations created, want exactly 1", created)
	}
}

// Once the pending invitation is answered, the person can be invited again.
func TestInviteAgainAfterARejection(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.account("ada"), e.account("bob")
	project := e.projects.create(ada.ID, "Apollo")
	first := e.invite(ada, project, map[string]any{"username": "bob"})
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/invitations/" + first["id"].(string) + "/reject", Token: bob.Token})
	second := e.invite(ada, project, map[string]any{"username": "bob"})
	if second["id"] == first["id"] {
		t.Fatal("the rejected invitation was reused")
	}
}
