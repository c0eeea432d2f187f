package ports_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"

	"github.com/taskrocket/taskrocket/services/invitations/adapters"
	"github.com/taskrocket/taskrocket/services/invitations/app"
)

func TestExpiryWorkerMarksOverdueInvitationsOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.account("ada"), e.account("bob")
	project := e.projects.create(ada.ID, "Apollo")
	due1 := e.invite(ada, project, map[string]any{"username": "bob"})
	due2 := e.invite(ada, project, map[string]any{"email": "x@example.com"})
	e.clock.Advance(24 * time.Hour)
	fresh := e.invite(ada, project, map[string]any{"email": "y@example.com"})
	e.clock.Advance(ttl - 24*time.Hour) // due1 and due2 are due; fresh has a day left

	n, err := e.app.ExpireOverdue(context.Background())
	if err != nil || n != 2 {
		t.Fatalf("ExpireOverdue = %d, %v; want 2", n, err)
	}
	if n, err := e.app.ExpireOverdue(context.Background()); err != nil || n != 0 {
		t.Fatalf("second pass = %d, %v; want 0", n, err)
	}
	var got []string
	for _, ev := range e.outboxEvents(contracts.EventInvitationExpired) {
		p := contracttest.Decode[contracts.InvitationExpired](t, ev)
		if p.Actor.UserID != ada.ID || p.InvitedBy != ada.ID || p.ProjectName != "Apollo" {
			t.Errorf("payload %+v", p)
		}
		got = append(got, p.InvitationID)
	}
	slices.Sort(got)
	want := []string{due1["id"].(string), due2["id"].(string)}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("expired %v, want %v", got, want)
	}
	items, _ := e.must(http.StatusOK, req{Method: "GET", Path: invitationsPath(project) + "?status=pending", Token: ada.Token}).items(t)
	if !slices.Equal(ids(items), []string{fresh["id"].(string)}) {
		t.Fatalf("pending after expiry %v", ids(items))
	}
	e.refuse(http.StatusGone, "invitation_expired", req{Method: "POST", Path: acceptPath(due1["id"]), Token: bob.Token})
	if n := len(e.outboxEvents(contracts.EventInvitationExpired)); n != 2 {
		t.Fatalf("%d expiry events after answering an expired invitation, want 2", n)
	}
}

// Replicas run the worker at the same time: each expiry is announced
// once (rows one replica holds are skipped by the others).
func TestExpiryReplicasDoNotDoublePublish(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.account("ada")
	project := e.projects.create(ada.ID, "Apollo")
	const total = 250 // more than one batch
	for i := range total {
		e.invite(ada, project, map[string]any{"email": "p" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@example.com"})
	}
	e.clock.Advance(ttl)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var wg sync.WaitGroup
	counts := make([]int, 4)
	for i := range counts {
		replica := app.New(app.Deps{Invitations: adapters.NewInvitations(e.db), Projects: e.projects, Users: e.users,
			TTL: ttl, Log: log, Now: e.clock.Now})
		wg.Go(func() {
			n, err := replica.ExpireOverdue(context.Background())
			if err != nil {
				t.Error(err)
			}
			counts[i] = n
		})
	}
	wg.Wait()
	sum := 0
	for _, n := range counts {
		sum += n
	}
	evs := e.outboxEvents(contracts.EventInvitationExpired)
	seen := map[string]bool{}
	for _, ev := range evs {
		seen[ev.Subject] = true
	}
	if sum != total || len(evs) != total || len(seen) != total {
		t.Fatalf("replicas expired %v (sum %d), %d events for %d invitations; want %d each", counts, sum, len(evs), len(seen), total)
	}
}

func TestRunExpiryStopsWithItsContext(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.account("ada")
	project := e.projects.create(ada.ID, "Apollo")
	e.invite(ada, project, map[string]any{"email": "x@example.com"})
	e.clock.Advance(ttl)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.app.RunExpiry(time.Hour)(ctx) }()
	waitFor(t, "the worker's first pass expires the invitation", func() bool {
		var n int64
		e.db.Raw(`SELECT count(*) FROM invitations WHERE status = 'expired'`).Scan(&n)
		return n == 1
	})
	cancel()
	select {
	case err := <-done:
		if err != context.Canceled {
			t.Fatalf("worker returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the worker did not stop")
	}
}
