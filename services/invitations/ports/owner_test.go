package ports_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
)

func ids(items []map[string]any) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it["id"].(string)
	}
	return out
}

func TestProjectListPagesNewestFirst(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.account("ada")
	project := e.projects.create(ada.ID, "Apollo")
	other := e.projects.create(ada.ID, "Other")
	var want []string
	for _, name := range []string{"a1", "a2", "a3", "a4", "a5"} {
		want = append([]string{e.invite(ada, project, map[string]any{"email": name + "@example.com"})["id"].(string)}, want...)
		e.clock.Advance(time.Second)
	}
	e.invite(ada, other, map[string]any{"email": "x@example.com"}) // never in project's list

	var got []string
	cursor := ""
	for page := 0; ; page++ {
		path := invitationsPath(project) + "?limit=2"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		items, next := e.must(http.StatusOK, req{Method: "GET", Path: path, Token: ada.Token}).items(t)
		got = append(got, ids(items)...)
		if next == "" {
			if page != 2 || len(items) != 1 {
				t.Fatalf("last page %d has %d items", page, len(items))
			}
			break
		}
		cursor = next
	}
	if !slices.Equal(got, want) {
		t.Fatalf("pages %v, want newest first %v", got, want)
	}
	items, next := e.must(http.StatusOK, req{Method: "GET", Path: invitationsPath(project), Token: ada.Token}).items(t)
	if len(items) != 5 || next != "" {
		t.Fatalf("default page: %d items, next %q", len(items), next)
	}
}

func TestProjectListFiltersByEffectiveStatus(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, cid := e.account("ada"), e.account("bob"), e.account("cid")
	project := e.projects.create(ada.ID, "Apollo")
	old := e.invite(ada, project, map[string]any{"email": "old@example.com"})
	e.clock.Advance(6 * 24 * time.Hour)
	accepted := e.invite(ada, project, map[string]any{"username": "bob"})
	rejected := e.invite(ada, project, map[string]any{"username": "cid"})
	cancelled := e.invite(ada, project, map[string]any{"email": "gone@example.com"})
	pending := e.invite(ada, project, map[string]any{"email": "new@example.com"})
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/invitations/" + accepted["id"].(string) + "/accept", Token: bob.Token})
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/invitations/" + rejected["id"].(string) + "/reject", Token: cid.Token})
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: invitationsPath(project) + "/" + cancelled["id"].(string), Token: ada.Token})
	e.clock.Advance(2 * 24 * time.Hour) // "old" is past its expiry, not yet marked

	for status, want := range map[string][]string{
		"":          {pending["id"].(string)},
		"pending":   {pending["id"].(string)},
		"accepted":  {accepted["id"].(string)},
		"rejected":  {rejected["id"].(string)},
		"cancelled": {cancelled["id"].(string)},
		"expired":   {old["id"].(string)},
		"all":       {pending["id"].(string), cancelled["id"].(string), rejected["id"].(string), accepted["id"].(string), old["id"].(string)},
	} {
		items, _ := e.must(http.StatusOK, req{Method: "GET", Path: invitationsPath(project) + "?status=" + status, Token: ada.Token}).items(t)
		if !slices.Equal(ids(items), want) {
			t.Errorf("status=%s: %v, want %v", status, ids(items), want)
		}
		for _, it := range items {
			if status != "" && status != "all" && it["status"] != status {
				t.Errorf("status=%s lists an invitation in status %v", status, it["status"])
			}
			if it["status"] != "pending" && it["decidedAt"] == nil && it["status"] != "expired" {
				t.Errorf("decided invitation without decidedAt: %v", it)
			}
		}
	}
}

func TestProjectListAuthorization(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, pat, eve := e.account("ada"), e.account("pat"), e.account("eve")
	project := e.projects.create(ada.ID, "Apollo")
	e.projects.setMember(project, pat.ID, contracts.RoleParticipant)
	e.invite(ada, project, map[string]any{"email": "x@example.com"})
	e.refuse(http.StatusNotFound, "project_not_found", req{Method: "GET", Path: invitationsPath(project), Token: eve.Token})
	e.refuse(http.StatusForbidden, "forbidden_role", req{Method: "GET", Path: invitationsPath(project), Token: pat.Token})
	e.refuse(http.StatusUnauthorized, "token_missing", req{Method: "GET", Path: invitationsPath(project)})
	// Archived projects' lists stay readable.
	e.projects.archive(project, true)
	if items, _ := e.must(http.StatusOK, req{Method: "GET", Path: invitationsPath(project), Token: ada.Token}).items(t); len(items) != 1 {
		t.Fatalf("archived project's list: %v", items)
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, pat, bob := e.account("ada"), e.account("pat"), e.account("bob")
	project := e.projects.create(ada.ID, "Apollo")
	e.projects.setMember(project, pat.ID, contracts.RoleParticipant)
	other := e.projects.create(bob.ID, "Bob's")
	foreign := e.invite(bob, other, map[string]any{"email": "x@example.com"})
	inv := e.invite(ada, project, map[string]any{"username": "bob"})
	path := invitationsPath(project) + "/" + inv["id"].(string)

	before := e.counts()
	e.refuse(http.StatusForbidden, "forbidden_role", req{Method: "DELETE", Path: path, Token: pat.Token})
	e.refuse(http.StatusNotFound, "project_not_found", req{Method: "DELETE", Path: invitationsPath(other) + "/" + inv["id"].(string), Token: ada.Token})
	e.refuse(http.StatusNotFound, "invitation_not_found", req{Method: "DELETE", Path: invitationsPath(project) + "/" + foreign["id"].(string), Token: ada.Token})
	e.refuse(http.StatusNotFound, "invitation_not_found", req{Method: "DELETE", Path: invitationsPath(project) + "/nope", Token: ada.Token})
	e.projects.archive(project, true)
	e.refuse(http.StatusConflict, "project_archived", req{Method: "DELETE", Path: path, Token: ada.Token})
	e.projects.archive(project, false)
	if after := e.counts(); after["outbox_events"] != before["outbox_events"] {
		t.Fatal("a refused cancellation wrote an event")
	}

	e.must(http.StatusNoContent, req{Method: "DELETE", Path: path, Token: ada.Token})
	res := e.refuse(http.StatusConflict, "invitation_not_pending", req{Method: "DELETE", Path: path, Token: ada.Token})
	if res.JSON(t)["error"].(map[string]any)["details"].(map[string]any)["status"] != "cancelled" {
		t.Fatalf("details %s", res.Body)
	}
	evs := e.outboxEvents(contracts.EventInvitationCancelled)
	if len(evs) != 1 {
		t.Fatalf("%d invitation.cancelled events", len(evs))
	}
	p := contracttest.Decode[contracts.InvitationCancelled](t, evs[0])
	if p.Actor.UserID != ada.ID || p.Reason != contracts.CancelledByOwner || p.Invitee.UserID != bob.ID || p.InvitedBy != ada.ID {
		t.Fatalf("payload %+v", p)
	}
	// The invitee can no longer act on it, nor see it.
	e.refuse(http.StatusConflict, "invitation_not_pending", req{Method: "POST", Path: "/api/v1/invitations/" + inv["id"].(string) + "/accept", Token: bob.Token})
	if items, _ := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/invitations", Token: bob.Token}).items(t); len(items) != 0 {
		t.Fatalf("cancelled invitation still listed: %v", items)
	}
}

// Cancelling an invitation past its expiry finds it expired: it is marked
// so (and announced once) and reported as no longer pending.
func TestCancelAnOverdueInvitation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.account("ada")
	project := e.projects.create(ada.ID, "Apollo")
	inv := e.invite(ada, project, map[string]any{"email": "x@example.com"})
	e.clock.Advance(ttl)
	path := invitationsPath(project) + "/" + inv["id"].(string)
	for range 2 {
		res := e.refuse(http.StatusConflict, "invitation_not_pending", req{Method: "DELETE", Path: path, Token: ada.Token})
		if res.JSON(t)["error"].(map[string]any)["details"].(map[string]any)["status"] != "expired" {
			t.Fatalf("details %s", res.Body)
		}
	}
	if n := len(e.outboxEvents(contracts.EventInvitationExpired)); n != 1 {
		t.Fatalf("%d invitation.expired events, want 1", n)
	}
	if n := len(e.outboxEvents(contracts.EventInvitationCancelled)); n != 0 {
		t.Fatal("an expired invitation was cancelled")
	}
}
