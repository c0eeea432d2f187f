package ports_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// An owner cancels while the invitee's acceptance is adding them to the
// project: the invitation is locked for the acceptance, the cancellation
// waits for it and then finds the invitation accepted. Never both.
func TestCancelWaitsForAnAcceptanceInProgress(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.account("ada"), e.account("bob")
	project := e.projects.create(ada.ID, "Apollo")
	inv := e.invite(ada, project, map[string]any{"username": "bob"})

	inAdd, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	e.projects.beforeAdd = func() {
		once.Do(func() { close(inAdd) })
		<-release
	}
	var wg sync.WaitGroup
	var accepted, cancelled response
	wg.Go(func() { accepted = e.do(req{Method: "POST", Path: acceptPath(inv["id"]), Token: bob.Token}) })
	<-inAdd
	wg.Go(func() {
		cancelled = e.do(req{Method: "DELETE", Path: invitationsPath(project) + "/" + inv["id"].(string), Token: ada.Token})
	})
	waitFor(t, "the cancellation waits on the invitation's lock", func() bool {
		var n int64
		e.db.Raw(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&n)
		return n > 0
	})
	close(release)
	wg.Wait()

	if accepted.Status != http.StatusOK || cancelled.Status != http.StatusConflict || cancelled.Code() != "invitation_not_pending" {
		t.Fatalf("accept %d %s; cancel %d %s", accepted.Status, accepted.Body, cancelled.Status, cancelled.Body)
	}
	if len(e.outboxEvents(contracts.EventInvitationAccepted)) != 1 || len(e.outboxEvents(contracts.EventInvitationCancelled)) != 0 {
		t.Fatal("both the acceptance and the cancellation were recorded")
	}
}

// The invitee accepting from two tabs at once: one acceptance, both
// answered with the membership.
func TestConcurrentAcceptsAnswerTheSame(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.account("ada"), e.account("bob")
	project := e.projects.create(ada.ID, "Apollo")
	inv := e.invite(ada, project, map[string]any{"username": "bob"})
	var wg sync.WaitGroup
	results := make([]response, 4)
	start := make(chan struct{})
	for i := range results {
		wg.Go(func() {
			<-start
			results[i] = e.do(req{Method: "POST", Path: acceptPath(inv["id"]), Token: bob.Token})
		})
	}
	close(start)
	wg.Wait()
	for _, r := range results {
		if r.Status != http.StatusOK || r.JSON(t)["membership"].(map[string]any)["role"] != "participant" {
			t.Fatalf("accept answered %d %s", r.Status, r.Body)
		}
	}
	if n := len(e.outboxEvents(contracts.EventInvitationAccepted)); n != 1 {
		t.Fatalf("%d invitation.accepted events, want 1", n)
	}
}

// waitFor polls cond; the deadline only guards against a hang.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
