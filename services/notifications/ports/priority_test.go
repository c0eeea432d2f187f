package ports_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/notifications/ports"
)

func TestARuleThatRaisesATaskTellsItsAssigneesUnlessTheyMutedTheProject(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, cy := e.user("ada"), e.user("bob"), e.user("cy")
	project := e.project(ada, bob, cy)
	task, _ := e.assign(ada, project, bob)
	reason := "raised by rule: due within 24 h"
	rule := "01900000-0000-7000-8000-000000000001"
	changed := func(seq int64) contracts.PriorityEffectiveChanged {
		return contracts.PriorityEffectiveChanged{Actor: contracts.Actor{UserID: ada.ID}, ProjectID: project, TaskID: task,
			Title: "Ship it", Explicit: "low", Effective: "urgent", Previous: "low", Reason: &reason, RuleID: &rule,
			AssigneeIDs: []string{bob.ID, cy.ID}, Sequence: seq, OccurredAt: time.Now().UTC()}
	}
	e.must(http.StatusOK, req{Method: http.MethodPut, Path: "/api/v1/notifications/muted-projects/" + project, Token: cy.Token})
	e.deliver(ports.RoutePriorities, contracts.EventPriorityEffectiveChanged, changed(1))

	items, _, _ := e.inbox(bob, "")
	if len(items) != 2 || items[0]["kind"] != "priority" || items[0]["title"] != "“Ship it” is now urgent priority" ||
		items[0]["body"] != "Raised from low: "+reason {
		t.Fatalf("bob's inbox: %v", items)
	}
	if items, _, _ := e.inbox(cy, ""); len(items) != 0 {
		t.Fatalf("cy muted the project yet got %v", items)
	}
	// Turned off in the preferences: nothing more in the app.
	e.must(http.StatusOK, req{Method: http.MethodPatch, Path: "/api/v1/notifications/preferences", Token: bob.Token,
		Body: `{"kinds":{"priority":{"inApp":false,"push":false}}}`})
	e.deliver(ports.RoutePriorities, contracts.EventPriorityEffectiveChanged, changed(2))
	if items, _, _ := e.inbox(bob, ""); len(items) != 2 {
		t.Fatalf("bob turned priority off yet has %d notifications", len(items))
	}
}
