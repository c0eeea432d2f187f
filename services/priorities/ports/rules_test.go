package ports_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
	"github.com/taskrocket/taskrocket/services/platform/apitest"
)

type req = apitest.Request

const urgentWhenDueSoon = `{"condition":{"kind":"due_within","hours":24},"effect":{"kind":"at_least","level":"urgent"}}`

func TestARuleRaisesATaskAndAnnouncesIt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner, ada := e.user(), e.user()
	pid := e.project(owner, ada)
	soon := e.save(owner, newTask(pid, "soon", contracts.PriorityLow, 3*time.Hour, ada.ID))
	later := e.save(owner, newTask(pid, "later", contracts.PriorityHigh, 72*time.Hour, ada.ID))

	if got := e.nextUp(ada, ""); len(got) != 2 || got[0] != later.ID+":high" {
		t.Fatalf("before the rule, next up = %v, want the high task first", got)
	}
	prev := e.must(http.StatusOK, req{Method: http.MethodPost, Path: "/api/v1/projects/" + pid + "/priority-rules/preview",
		Body: urgentWhenDueSoon, Token: owner.Token}).JSON(t)
	items := prev["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["taskId"] != soon.ID || items[0].(map[string]any)["to"] != "urgent" {
		t.Fatalf("preview = %v, want the task due soon raised to urgent", prev)
	}
	if n := len(e.rules(pid)[pid]); n != 0 {
		t.Fatalf("a preview wrote %d rules", n)
	}

	e.rule(owner, pid, urgentWhenDueSoon)
	if got := e.nextUp(ada, ""); len(got) != 2 || got[0] != soon.ID+":urgent" {
		t.Fatalf("after the rule, next up = %v, want the task due soon first, urgent", got)
	}
	evs := e.outbox.Events(t, contracts.EventPriorityEffectiveChanged)
	if len(evs) != 1 {
		t.Fatalf("%d effective_changed events, want 1", len(evs))
	}
	p := contracttest.Decode[contracts.PriorityEffectiveChanged](t, evs[0])
	if p.TaskID != soon.ID || p.Effective != "urgent" || p.Previous != "low" || p.Reason == nil ||
		*p.Reason != "raised by rule: due within 24 h" || len(p.AssigneeIDs) != 1 || p.Actor.UserID != owner.ID {
		t.Fatalf("event = %+v", p)
	}
}

func TestRuleChangesReorderAndDeleteRecompute(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.project(owner)
	task := e.save(owner, newTask(pid, "t", contracts.PriorityLow, 3*time.Hour, owner.ID))
	raise := e.rule(owner, pid, urgentWhenDueSoon)
	lower := e.rule(owner, pid, `{"condition":{"kind":"status_is","value":"todo"},"effect":{"kind":"exactly","level":"medium"}}`)
	if got := e.nextUp(owner, pid); got[0] != task.ID+":medium" {
		t.Fatalf("the later exactly rule wins: %v", got)
	}
	base := "/api/v1/projects/" + pid + "/priority-rules"
	e.must(http.StatusOK, req{Method: http.MethodPut, Path: base + "/order", Body: map[string]any{"ids": []string{lower, raise}}, Token: owner.Token})
	if got := e.nextUp(owner, pid); got[0] != task.ID+":urgent" {
		t.Fatalf("reordered, the raise applies last: %v", got)
	}
	e.must(http.StatusOK, req{Method: http.MethodPatch, Path: base + "/" + raise, Header: map[string]string{"If-Match": `"2"`},
		Body: `{"condition":{"kind":"due_within","hours":24},"effect":{"kind":"at_least","level":"high"}}`, Token: owner.Token})
	if got := e.nextUp(owner, pid); got[0] != task.ID+":high" {
		t.Fatalf("after the edit: %v", got)
	}
	e.api.Refuse(t, http.StatusPreconditionFailed, "version_mismatch", req{Method: http.MethodPatch, Path: base + "/" + raise,
		Header: map[string]string{"If-Match": `"1"`}, Body: urgentWhenDueSoon, Token: owner.Token})
	e.must(http.StatusNoContent, req{Method: http.MethodDelete, Path: base + "/" + raise, Token: owner.Token})
	e.must(http.StatusNoContent, req{Method: http.MethodDelete, Path: base + "/" + lower, Token: owner.Token})
	if got := e.nextUp(owner, pid); got[0] != task.ID+":low" {
		t.Fatalf("without rules: %v", got)
	}
	list := e.must(http.StatusOK, req{Method: http.MethodGet, Path: base, Token: owner.Token}).JSON(t)
	if n := len(list["items"].([]any)); n != 0 {
		t.Fatalf("%d rules left", n)
	}
}

func TestOnlyOwnersManageRulesAndNobodySeesOthersNextUp(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner, member, stranger := e.user(), e.user(), e.user()
	pid := e.project(owner, member)
	e.save(owner, newTask(pid, "mine", contracts.PriorityHigh, 0, owner.ID))
	base := "/api/v1/projects/" + pid + "/priority-rules"
	id := e.rule(owner, pid, urgentWhenDueSoon)

	e.api.Refuse(t, http.StatusForbidden, "forbidden_role", req{Method: http.MethodPost, Path: base, Body: urgentWhenDueSoon, Token: member.Token})
	e.api.Refuse(t, http.StatusForbidden, "forbidden_role", req{Method: http.MethodPatch, Path: base + "/" + id, Body: urgentWhenDueSoon, Token: member.Token})
	e.api.Refuse(t, http.StatusForbidden, "forbidden_role", req{Method: http.MethodDelete, Path: base + "/" + id, Token: member.Token})
	e.api.Refuse(t, http.StatusForbidden, "forbidden_role", req{Method: http.MethodPost, Path: base + "/preview", Body: urgentWhenDueSoon, Token: member.Token})
	e.must(http.StatusOK, req{Method: http.MethodGet, Path: base, Token: member.Token})

	e.api.Refuse(t, http.StatusNotFound, "project_not_found", req{Method: http.MethodGet, Path: base, Token: stranger.Token})
	e.api.Refuse(t, http.StatusNotFound, "project_not_found", req{Method: http.MethodPost, Path: base, Body: urgentWhenDueSoon, Token: stranger.Token})
	e.api.Refuse(t, http.StatusNotFound, "project_not_found", req{Method: http.MethodGet,
		Path: "/api/v1/priorities/next-up?projectId=" + pid, Token: stranger.Token})
	if got := e.nextUp(stranger, ""); len(got) != 0 {
		t.Fatalf("a stranger's next up shows %v", got)
	}
	if got := e.nextUp(member, ""); len(got) != 0 {
		t.Fatalf("a member's own next up shows the owner's task: %v", got)
	}
	e.api.Refuse(t, http.StatusUnauthorized, "token_missing", req{Method: http.MethodGet, Path: "/api/v1/priorities/next-up"})
	if n := len(e.rules(pid)[pid]); n != 1 {
		t.Fatalf("refused requests changed the rules: %d", n)
	}
}

func TestBadRulesAnswer4xxWithNothingWritten(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.project(owner)
	base := "/api/v1/projects/" + pid + "/priority-rules"
	cases := []struct {
		name, body, code string
		status           int
	}{
		{"not-json", `{`, "invalid_json", 400},
		{"wrong-type", `{"condition":{"kind":"due_within","hours":"24"},"effect":{"kind":"at_least","level":"urgent"}}`, "invalid_field_type", 400},
		{"unknown-condition", `{"condition":{"kind":"moon"},"effect":{"kind":"at_least","level":"urgent"}}`, "validation_failed", 400},
		{"no-hours", `{"condition":{"kind":"due_within"},"effect":{"kind":"at_least","level":"urgent"}}`, "validation_failed", 400},
		{"negative-days", `{"condition":{"kind":"idle_for","days":-2},"effect":{"kind":"at_least","level":"urgent"}}`, "validation_failed", 400},
		{"tag-not-id", `{"condition":{"kind":"tag_is","value":"x"},"effect":{"kind":"at_least","level":"urgent"}}`, "validation_failed", 400},
		{"bad-level", `{"condition":{"kind":"overdue"},"effect":{"kind":"at_least","level":"critical"}}`, "validation_failed", 400},
		{"bad-effect", `{"condition":{"kind":"overdue"},"effect":{"kind":"at_most","level":"low"}}`, "validation_failed", 400},
	}
	for _, tc := range cases {
		e.api.Refuse(t, tc.status, tc.code, req{Method: http.MethodPost, Path: base, Body: tc.body, Token: owner.Token})
	}
	e.api.Refuse(t, http.StatusNotFound, "project_not_found", req{Method: http.MethodPost, Path: "/api/v1/projects/nope/priority-rules",
		Body: urgentWhenDueSoon, Token: owner.Token})
	e.api.Refuse(t, http.StatusNotFound, "rule_not_found", req{Method: http.MethodDelete, Path: base + "/01900000-0000-7000-8000-000000000000", Token: owner.Token})
	e.api.Refuse(t, http.StatusBadRequest, "invalid_order", req{Method: http.MethodPut, Path: base + "/order", Body: `{"ids":["x"]}`, Token: owner.Token})
	e.api.Refuse(t, http.StatusBadRequest, "invalid_query", req{Method: http.MethodGet, Path: "/api/v1/priorities/next-up?limit=0", Token: owner.Token})
	if rows := apitest.CountRows(t, e.db, "rules"); rows["rules"] != 0 {
		t.Fatalf("bad rules were written: %v", rows)
	}
}

func TestATimeBasedRuleRaisesTheTaskWhenItStartsToHold(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.project(owner)
	task := e.save(owner, newTask(pid, "t", contracts.PriorityLow, 30*time.Hour, owner.ID))
	e.rule(owner, pid, urgentWhenDueSoon)
	if got := e.nextUp(owner, ""); got[0] != task.ID+":low" {
		t.Fatalf("30 h before due: %v", got)
	}
	next, err := e.app.Reevaluate(t.Context(), 100)
	if err != nil || next == nil || !next.Equal(start.Add(6*time.Hour)) {
		t.Fatalf("scheduled for %v (%v), want 24 h before due", next, err)
	}
	e.clock.Advance(6 * time.Hour)
	if _, err := e.app.Reevaluate(t.Context(), 100); err != nil {
		t.Fatal(err)
	}
	if got := e.nextUp(owner, ""); got[0] != task.ID+":urgent" {
		t.Fatalf("at the moment: %v", got)
	}
	evs := e.outbox.Events(t, contracts.EventPriorityEffectiveChanged)
	if len(evs) != 1 || contracttest.Decode[contracts.PriorityEffectiveChanged](t, evs[0]).Effective != "urgent" {
		t.Fatalf("events: %d", len(evs))
	}
}

func TestTheProjectIsLoadedFromTheTasksServiceOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.project(owner)
	// Tasks that existed before the service heard of them.
	a := e.world.put(newTask(pid, "a", contracts.PriorityHigh, 0, owner.ID))
	b := e.world.put(newTask(pid, "b", contracts.PriorityUrgent, 0))
	if got := e.nextUp(owner, pid); len(got) != 2 || got[0] != b.ID+":urgent" || got[1] != a.ID+":high" {
		t.Fatalf("next up = %v", got)
	}
	e.cache.SetDown(nil)
	_ = e.nextUp(owner, "")
	if e.world.loads != 1 {
		t.Fatalf("loaded %d times", e.world.loads)
	}
}
