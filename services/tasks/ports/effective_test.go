package ports_test

import (
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/tasks/ports"
)

func effectiveEvent(t *testing.T, projectID, taskID, effective string, reason *string, seq int64) events.Event {
	t.Helper()
	var ruleID *string
	if reason != nil {
		id := uuid.NewString()
		ruleID = &id
	}
	ev, err := events.New("/priorities", contracts.EventPriorityEffectiveChanged, taskID, contracts.PriorityEffectiveChanged{
		ProjectID: projectID, TaskID: taskID, Effective: effective, Reason: reason, RuleID: ruleID, Sequence: seq,
	})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestTheEffectivePriorityFollowsThePrioritiesEventsInOrder(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.projects.project(owner.ID)
	low := e.createTask(owner, pid, map[string]any{"title": "low", "priority": "low"})
	high := e.createTask(owner, pid, map[string]any{"title": "high", "priority": "high"})
	if got := e.getTask(owner, low.ID); got.EffectivePriority != "low" || got.EffectivePriorityReason != nil {
		t.Fatalf("without rules: %+v", got)
	}
	reason := "raised by rule: due within 24 h"
	deliver := func(ev events.Event) {
		t.Helper()
		if status, outcome := e.deliver(ports.RoutePriorities, ev, appToken); status != http.StatusOK || outcome != "SUCCESS" {
			t.Fatalf("delivery: %d %s", status, outcome)
		}
	}
	deliver(effectiveEvent(t, pid, low.ID, "urgent", &reason, 2))
	deliver(effectiveEvent(t, pid, low.ID, "low", nil, 1)) // older, late: ignored
	got := e.getTask(owner, low.ID)
	if got.EffectivePriority != "urgent" || got.EffectivePriorityReason == nil || *got.EffectivePriorityReason != reason ||
		got.Priority != "low" || got.Version != low.Version {
		t.Fatalf("after the rule: %+v", got)
	}
	list := decodeBody[struct{ Items []task }](t, e.must(http.StatusOK, req{Method: "GET",
		Path: "/api/v1/projects/" + pid + "/tasks?sort=effective", Token: owner.Token}))
	if len(list.Items) != 2 || list.Items[0].ID != low.ID || list.Items[1].ID != high.ID {
		t.Fatalf("sorted by effective priority: %+v", list.Items)
	}
	list = decodeBody[struct{ Items []task }](t, e.must(http.StatusOK, req{Method: "GET",
		Path: "/api/v1/projects/" + pid + "/tasks?effectivePriority=urgent", Token: owner.Token}))
	if len(list.Items) != 1 || list.Items[0].ID != low.ID {
		t.Fatalf("filtered by effective priority: %+v", list.Items)
	}
	deliver(effectiveEvent(t, pid, low.ID, "low", nil, 3))
	if got := e.getTask(owner, low.ID); got.EffectivePriority != "low" || got.EffectivePriorityReason != nil {
		t.Fatalf("the rule no longer applies: %+v", got)
	}
}

func TestOnlyThePrioritiesServiceListsOpenTasksInternally(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.projects.project(owner.ID)
	for _, title := range []string{"a", "b", "c"} {
		e.createTask(owner, pid, map[string]any{"title": title})
	}
	done := e.createTask(owner, pid, map[string]any{"title": "d", "status": "done"})
	path := "/internal/projects/" + pid + "/open-tasks?limit=2"
	e.must(http.StatusForbidden, req{Method: "GET", Path: path, Header: map[string]string{"dapr-api-token": appToken, "dapr-caller-app-id": "gateway"}})
	e.must(http.StatusUnauthorized, req{Method: "GET", Path: path, Header: map[string]string{"dapr-caller-app-id": "priorities"}})
	hdr := map[string]string{"dapr-api-token": appToken, "dapr-caller-app-id": "priorities"}
	first := decodeBody[contracts.TaskList](t, e.must(http.StatusOK, req{Method: "GET", Path: path, Header: hdr}))
	if len(first.Items) != 2 || first.Next == "" {
		t.Fatalf("first page: %+v", first)
	}
	second := decodeBody[contracts.TaskList](t, e.must(http.StatusOK, req{Method: "GET", Path: path + "&after=" + first.Next, Header: hdr}))
	if len(second.Items) != 1 || second.Next != "" || second.Items[0].ID == done.ID {
		t.Fatalf("second page: %+v", second)
	}
	e.must(http.StatusBadRequest, req{Method: "GET", Path: path + "&after=garbage", Header: hdr})
}
