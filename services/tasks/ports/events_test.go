package ports_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/tasks/ports"
)

// deliver posts a CloudEvent to a subscription route as the sidecar does
// and returns the outcome it answers.
func (e *env) deliver(route string, ev events.Event, token string) (int, string) {
	e.t.Helper()
	raw, err := json.Marshal(ev)
	if err != nil {
		e.t.Fatal(err)
	}
	res := e.do(req{Method: "POST", Path: route, Body: raw, Header: map[string]string{"dapr-api-token": token, "Content-Type": events.ContentType}})
	var body struct{ Status string }
	_ = json.Unmarshal(res.Body, &body)
	return res.Status, body.Status
}

func projectEvent(t *testing.T, eventType, subject string, payload any) events.Event {
	t.Helper()
	ev, err := events.New("/projects", eventType, subject, payload)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestProjectDeletedRemovesEverythingOfTheProjectOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner, ada := e.user(), e.user()
	doomed, kept := e.projects.project(owner.ID, ada.ID), e.projects.project(owner.ID)
	cat := e.createLabel(owner, doomed, "categories", "c")
	tag := e.createLabel(owner, doomed, "tags", "t")
	parent := e.createTask(owner, doomed, map[string]any{"title": "p", "categoryId": cat, "tagIds": []string{tag}, "assigneeIds": []string{ada.ID}})
	e.createTask(owner, doomed, map[string]any{"title": "c", "parentId": parent.ID})
	survivor := e.createTask(owner, kept, map[string]any{"title": "kept", "assigneeIds": []string{owner.ID}})
	e.createLabel(owner, kept, "tags", "t")

	ev := projectEvent(t, contracts.EventProjectDeleted, doomed, contracts.ProjectDeleted{
		Actor: contracts.Actor{UserID: owner.ID}, ProjectID: doomed, Name: "Doomed", MemberIDs: []string{owner.ID, ada.ID},
	})
	events := e.counts()["outbox_events"]
	for range 2 { // redelivered: acknowledged, applied once
		if status, outcome := e.deliver(ports.RouteProjectDeleted, ev, appToken); status != http.StatusOK || outcome != "SUCCESS" {
			t.Fatalf("delivery: %d %s", status, outcome)
		}
	}
	c := e.counts()
	if c["tasks"] != 1 || c["categories"] != 0 || c["tags"] != 1 || c["task_assignees"] != 1 || c["task_tags"] != 0 {
		t.Fatalf("rows left: %v", c)
	}
	if c["outbox_events"] != events {
		t.Fatal("deleting a project's tasks published events; project.deleted already tells everyone")
	}
	e.getTask(owner, survivor.ID)
}

func TestMemberRemovedLosesTheirAssignmentsInThatProject(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner, ada := e.user(), e.user()
	pid, other := e.projects.project(owner.ID, ada.ID), e.projects.project(owner.ID, ada.ID)
	pair := e.createTask(owner, pid, map[string]any{"title": "Pair", "assigneeIds": []string{ada.ID, owner.ID}})
	solo := e.createTask(owner, pid, map[string]any{"title": "Solo", "assigneeIds": []string{ada.ID}})
	untouched := e.createTask(owner, pid, map[string]any{"title": "Owner's", "assigneeIds": []string{owner.ID}})
	elsewhere := e.createTask(owner, other, map[string]any{"title": "Elsewhere", "assigneeIds": []string{ada.ID}})
	e.projects.remove(pid, ada.ID)

	ev := projectEvent(t, contracts.EventProjectMemberRemoved, pid, contracts.ProjectMemberRemoved{
		Actor: contracts.Actor{UserID: owner.ID}, ProjectID: pid, UserID: ada.ID, Reason: contracts.MemberRemovedByOwner,
	})
	for range 2 {
		if _, outcome := e.deliver(ports.RouteMemberRemoved, ev, appToken); outcome != "SUCCESS" {
			t.Fatalf("outcome %s", outcome)
		}
	}
	if got := e.getTask(owner, pair.ID); len(got.AssigneeIDs) != 1 || got.AssigneeIDs[0] != owner.ID || got.Version != 2 {
		t.Fatalf("pair: %+v", got)
	}
	if got := e.getTask(owner, solo.ID); len(got.AssigneeIDs) != 0 || got.Version != 2 {
		t.Fatalf("solo: %+v", got)
	}
	if got := e.getTask(owner, untouched.ID); got.Version != 1 {
		t.Fatalf("a task without them changed: %+v", got)
	}
	if got := e.getTask(owner, elsewhere.ID); len(got.AssigneeIDs) != 1 {
		t.Fatalf("another project's assignment went too: %+v", got)
	}
	unassigned := e.outboxEvents(contracts.EventTaskUnassigned)
	if len(unassigned) != 2 {
		t.Fatalf("%d task.unassigned, want one per task (applied once)", len(unassigned))
	}
	for _, u := range unassigned {
		p := contracttest.Decode[contracts.TaskUnassigned](t, u)
		if p.UserID != ada.ID || p.Reason != contracts.UnassignedMemberRemoved || p.Actor.UserID != owner.ID || p.ProjectID != pid {
			t.Fatalf("task.unassigned %+v", p)
		}
	}
}

func TestSubscriptionRoutesAcceptOnlyTheSidecarAndDropWhatCannotBeApplied(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	pid := uuid.NewString()
	good := projectEvent(t, contracts.EventProjectDeleted, pid, map[string]any{"projectId": pid})
	if status, _ := e.deliver(ports.RouteProjectDeleted, good, "wrong-token"); status != http.StatusUnauthorized {
		t.Fatalf("a caller without the app token: %d", status)
	}
	if status, _ := e.deliver(ports.RouteProjectDeleted, good, ""); status != http.StatusUnauthorized {
		t.Fatalf("a caller without any token: %d", status)
	}
	for name, tc := range map[string]struct {
		route string
		ev    events.Event
		want  string
	}{
		"wrong-type-on-route": {ports.RouteProjectDeleted, projectEvent(t, contracts.EventProjectUpdated, pid, map[string]any{"projectId": pid}), "DROP"},
		"no-project-id":       {ports.RouteProjectDeleted, projectEvent(t, contracts.EventProjectDeleted, pid, map[string]any{}), "DROP"},
		"not-an-object":       {ports.RouteProjectDeleted, projectEvent(t, contracts.EventProjectDeleted, pid, []int{1}), "DROP"},
		"bad-user-id":         {ports.RouteMemberRemoved, projectEvent(t, contracts.EventProjectMemberRemoved, pid, map[string]any{"projectId": pid, "userId": "x"}), "DROP"},
		"other-types-acked":   {ports.RouteProjectsOther, projectEvent(t, contracts.EventProjectArchived, pid, map[string]any{"projectId": pid}), "SUCCESS"},
	} {
		if _, outcome := e.deliver(tc.route, tc.ev, appToken); outcome != tc.want {
			t.Errorf("%s: %s, want %s", name, outcome, tc.want)
		}
	}
	res := e.do(req{Method: "POST", Path: ports.RouteProjectDeleted, Body: `{"not": "a cloudevent"}`, Header: map[string]string{"dapr-api-token": appToken}})
	if res.Status != http.StatusOK || string(res.Body) != `{"status":"DROP"}` {
		t.Fatalf("malformed envelope: %d %s", res.Status, res.Body)
	}
}
