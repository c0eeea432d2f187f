package domain_test

import (
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/clocktest"
	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

const (
	tagA  = "01900000-0000-7000-8000-00000000000a"
	tagB  = "01900000-0000-7000-8000-00000000000b"
	catA  = "01900000-0000-7000-8000-0000000000ca"
	userA = "01900000-0000-7000-8000-0000000000a1"
	userB = "01900000-0000-7000-8000-0000000000b1"
)

func at(d time.Duration) *time.Time { v := t0.Add(d); return &v }

func task(mod func(*domain.Task)) domain.Task {
	t := domain.Task{ID: "t1", ProjectID: "p1", Status: "todo", Explicit: domain.Low,
		AssigneeIDs: []string{userA}, TagIDs: []string{tagA}, CategoryID: catA, UpdatedAt: t0}
	if mod != nil {
		mod(&t)
	}
	return t
}

func rule(id string, c domain.Condition, kind domain.EffectKind, l domain.Level) domain.Rule {
	return domain.Rule{ID: id, Condition: c, Effect: domain.Effect{Kind: kind, Level: l}}
}

func TestEveryConditionHoldsExactlyWhenItShould(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		cond domain.Condition
		task domain.Task
		want bool
	}{
		{"due-within-inside", domain.Condition{Kind: domain.DueWithin, Hours: 24}, task(func(t *domain.Task) { t.DueAt = at(23 * time.Hour) }), true},
		{"due-within-edge", domain.Condition{Kind: domain.DueWithin, Hours: 24}, task(func(t *domain.Task) { t.DueAt = at(24 * time.Hour) }), true},
		{"due-within-outside", domain.Condition{Kind: domain.DueWithin, Hours: 24}, task(func(t *domain.Task) { t.DueAt = at(25 * time.Hour) }), false},
		{"due-within-overdue", domain.Condition{Kind: domain.DueWithin, Hours: 24}, task(func(t *domain.Task) { t.DueAt = at(-time.Hour) }), true},
		{"due-within-no-due", domain.Condition{Kind: domain.DueWithin, Hours: 24}, task(nil), false},
		{"overdue-past", domain.Condition{Kind: domain.Overdue}, task(func(t *domain.Task) { t.DueAt = at(-time.Minute) }), true},
		{"overdue-now", domain.Condition{Kind: domain.Overdue}, task(func(t *domain.Task) { t.DueAt = at(0) }), true},
		{"overdue-future", domain.Condition{Kind: domain.Overdue}, task(func(t *domain.Task) { t.DueAt = at(time.Minute) }), false},
		{"overdue-no-due", domain.Condition{Kind: domain.Overdue}, task(nil), false},
		{"no-due-date-none", domain.Condition{Kind: domain.NoDueDate}, task(nil), true},
		{"no-due-date-set", domain.Condition{Kind: domain.NoDueDate}, task(func(t *domain.Task) { t.DueAt = at(time.Hour) }), false},
		{"tag-is-has", domain.Condition{Kind: domain.TagIs, Value: tagA}, task(nil), true},
		{"tag-is-lacks", domain.Condition{Kind: domain.TagIs, Value: tagB}, task(nil), false},
		{"category-is-same", domain.Condition{Kind: domain.CategoryIs, Value: catA}, task(nil), true},
		{"category-is-none", domain.Condition{Kind: domain.CategoryIs, Value: catA}, task(func(t *domain.Task) { t.CategoryID = "" }), false},
		{"status-is-same", domain.Condition{Kind: domain.StatusIs, Value: "todo"}, task(nil), true},
		{"status-is-other", domain.Condition{Kind: domain.StatusIs, Value: "in_progress"}, task(nil), false},
		{"assignee-is-assigned", domain.Condition{Kind: domain.AssigneeIs, Value: userA}, task(nil), true},
		{"assignee-is-other", domain.Condition{Kind: domain.AssigneeIs, Value: userB}, task(nil), false},
		{"unassigned-nobody", domain.Condition{Kind: domain.Unassigned}, task(func(t *domain.Task) { t.AssigneeIDs = nil }), true},
		{"unassigned-someone", domain.Condition{Kind: domain.Unassigned}, task(nil), false},
		{"idle-for-long", domain.Condition{Kind: domain.IdleFor, Days: 3}, task(func(t *domain.Task) { t.UpdatedAt = t0.Add(-72 * time.Hour) }), true},
		{"idle-for-recent", domain.Condition{Kind: domain.IdleFor, Days: 3}, task(func(t *domain.Task) { t.UpdatedAt = t0.Add(-71 * time.Hour) }), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := tc.cond.Holds(tc.task, t0); got != tc.want {
				t.Fatalf("Holds = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestEffectsAndRuleOrderDecideTheEffectivePriority(t *testing.T) {
	t.Parallel()
	tagged := domain.Condition{Kind: domain.TagIs, Value: tagA}
	untagged := domain.Condition{Kind: domain.TagIs, Value: tagB}
	soon := domain.Condition{Kind: domain.DueWithin, Hours: 24}
	cases := []struct {
		name       string
		explicit   domain.Level
		rules      []domain.Rule
		want       domain.Level
		wantRule   string
		wantReason string
	}{
		{"no-rules-explicit", domain.Medium, nil, domain.Medium, "", ""},
		{"at-least-raises", domain.Low, []domain.Rule{rule("r1", tagged, domain.AtLeast, domain.High)}, domain.High, "r1", "raised by rule: has tag"},
		{"at-least-never-lowers", domain.Urgent, []domain.Rule{rule("r1", tagged, domain.AtLeast, domain.High)}, domain.Urgent, "", ""},
		{"exactly-lowers", domain.Urgent, []domain.Rule{rule("r1", tagged, domain.Exactly, domain.Low)}, domain.Low, "r1", "lowered by rule: has tag"},
		{"exactly-raises", domain.None, []domain.Rule{rule("r1", soon, domain.Exactly, domain.Urgent)}, domain.Urgent, "r1", "raised by rule: due within 24 h"},
		{"exactly-same-no-reason", domain.Low, []domain.Rule{rule("r1", tagged, domain.Exactly, domain.Low)}, domain.Low, "", ""},
		{"condition-false-no-effect", domain.Low, []domain.Rule{rule("r1", untagged, domain.AtLeast, domain.Urgent)}, domain.Low, "", ""},
		{"later-exactly-overrides-earlier-raise", domain.Low, []domain.Rule{
			rule("r1", tagged, domain.AtLeast, domain.Urgent), rule("r2", tagged, domain.Exactly, domain.Medium)}, domain.Medium, "r2", "raised by rule: has tag"},
		{"later-at-least-cannot-undo-earlier-raise", domain.Low, []domain.Rule{
			rule("r1", tagged, domain.AtLeast, domain.Urgent), rule("r2", tagged, domain.AtLeast, domain.Medium)}, domain.Urgent, "r1", "raised by rule: has tag"},
		{"order-reversed-other-answer", domain.Low, []domain.Rule{
			rule("r2", tagged, domain.Exactly, domain.Medium), rule("r1", tagged, domain.AtLeast, domain.Urgent)}, domain.Urgent, "r1", "raised by rule: has tag"},
		{"back-to-explicit-no-reason", domain.Low, []domain.Rule{
			rule("r1", tagged, domain.AtLeast, domain.Urgent), rule("r2", tagged, domain.Exactly, domain.Low)}, domain.Low, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tk := task(func(t *domain.Task) { t.Explicit = tc.explicit; t.DueAt = at(2 * time.Hour) })
			got := domain.Evaluate(tk, tc.rules, t0)
			if got.Level != tc.want || got.RuleID != tc.wantRule || got.Reason != tc.wantReason {
				t.Fatalf("Evaluate = %+v, want %v by %q (%q)", got, tc.want, tc.wantRule, tc.wantReason)
			}
		})
	}
}

func TestARuleStartsToHoldWhenTimePasses(t *testing.T) {
	t.Parallel()
	clock := clocktest.New(t0)
	rules := []domain.Rule{rule("r1", domain.Condition{Kind: domain.DueWithin, Hours: 24}, domain.AtLeast, domain.Urgent)}
	tk := task(func(t *domain.Task) { t.DueAt = at(30 * time.Hour) })

	if got := domain.Evaluate(tk, rules, clock.Now()); got.Level != domain.Low {
		t.Fatalf("30 h before due: %v, want low", got.Level)
	}
	next, ok := domain.NextChange(tk, rules, clock.Now())
	if !ok || !next.Equal(t0.Add(6*time.Hour)) {
		t.Fatalf("NextChange = %v %v, want 24 h before due", next, ok)
	}
	clock.Advance(6*time.Hour - time.Second)
	if got := domain.Evaluate(tk, rules, clock.Now()); got.Level != domain.Low {
		t.Fatalf("a second early: %v, want low", got.Level)
	}
	clock.Advance(time.Second)
	if got := domain.Evaluate(tk, rules, clock.Now()); got.Level != domain.Urgent || got.Reason != "raised by rule: due within 24 h" {
		t.Fatalf("at the moment: %+v, want urgent", got)
	}
	if _, ok := domain.NextChange(tk, rules, clock.Now()); ok {
		t.Fatal("a condition that holds already must not be scheduled again")
	}
}

func TestNextChangeIsTheEarliestTimeBasedCondition(t *testing.T) {
	t.Parallel()
	rules := []domain.Rule{
		rule("idle", domain.Condition{Kind: domain.IdleFor, Days: 2}, domain.AtLeast, domain.Medium),
		rule("over", domain.Condition{Kind: domain.Overdue}, domain.AtLeast, domain.Urgent),
		rule("soon", domain.Condition{Kind: domain.DueWithin, Hours: 12}, domain.AtLeast, domain.High),
		rule("tag", domain.Condition{Kind: domain.TagIs, Value: tagA}, domain.AtLeast, domain.High),
	}
	cases := []struct {
		name string
		task domain.Task
		want *time.Time
	}{
		{"due-soon-first", task(func(t *domain.Task) { t.DueAt = at(20 * time.Hour) }), at(8 * time.Hour)},
		{"idle-first", task(func(t *domain.Task) { t.DueAt = at(100 * time.Hour) }), at(48 * time.Hour)},
		{"overdue-after-due-soon-held", task(func(t *domain.Task) { t.DueAt = at(time.Hour) }), at(time.Hour)},
		{"no-due-idle-only", task(nil), at(48 * time.Hour)},
		{"done-not-watched", task(func(t *domain.Task) { t.Status = "done" }), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := domain.NextChange(tc.task, rules, t0)
			if tc.want == nil {
				if ok {
					t.Fatalf("NextChange = %v, want none", got)
				}
				return
			}
			if !ok || !got.Equal(*tc.want) {
				t.Fatalf("NextChange = %v %v, want %v", got, ok, *tc.want)
			}
		})
	}
}

func TestBadRulesAreRefusedFieldByField(t *testing.T) {
	t.Parallel()
	n := func(v int) *int { return &v }
	s := func(v string) *string { return &v }
	type in = domain.RuleInput
	mk := func(kind string, hours, days *int, value *string, effect, level string) in {
		var r in
		r.Condition.Kind, r.Condition.Hours, r.Condition.Days, r.Condition.Value = kind, hours, days, value
		r.Effect.Kind, r.Effect.Level = effect, level
		return r
	}
	cases := []struct {
		name  string
		in    in
		field string
	}{
		{"kind-missing", mk("", nil, nil, nil, "at_least", "high"), "condition.kind"},
		{"kind-unknown", mk("moon_phase", nil, nil, nil, "at_least", "high"), "condition.kind"},
		{"hours-missing", mk("due_within", nil, nil, nil, "at_least", "high"), "condition.hours"},
		{"hours-zero", mk("due_within", n(0), nil, nil, "at_least", "high"), "condition.hours"},
		{"hours-huge", mk("due_within", n(domain.MaxHours+1), nil, nil, "at_least", "high"), "condition.hours"},
		{"days-missing", mk("idle_for", nil, nil, nil, "at_least", "high"), "condition.days"},
		{"days-negative", mk("idle_for", nil, n(-1), nil, "at_least", "high"), "condition.days"},
		{"tag-missing", mk("tag_is", nil, nil, nil, "at_least", "high"), "condition.value"},
		{"tag-not-id", mk("tag_is", nil, nil, s("frontend"), "at_least", "high"), "condition.value"},
		{"status-unknown", mk("status_is", nil, nil, s("blocked"), "at_least", "high"), "condition.value"},
		{"effect-missing", mk("overdue", nil, nil, nil, "", "high"), "effect.kind"},
		{"effect-unknown", mk("overdue", nil, nil, nil, "at_most", "high"), "effect.kind"},
		{"level-missing", mk("overdue", nil, nil, nil, "exactly", ""), "effect.level"},
		{"level-unknown", mk("overdue", nil, nil, nil, "exactly", "critical"), "effect.level"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := tc.in.Normalize()
			if err == nil || !containsField(err, tc.field) {
				t.Fatalf("Normalize = %v, want a problem with %s", err, tc.field)
			}
		})
	}
	good := mk("due_within", n(24), nil, nil, "at_least", "urgent")
	c, e, err := good.Normalize()
	if err != nil || c.Hours != 24 || e.Level != domain.Urgent {
		t.Fatalf("a good rule: %+v %+v %v", c, e, err)
	}
}

func TestNextUpOrdersByEffectivePriorityThenDueThenPosition(t *testing.T) {
	t.Parallel()
	mk := func(id string, l domain.Level, due *time.Time, pos string) domain.Task {
		return domain.Task{ID: id, ProjectID: "p1", Status: "todo", Explicit: l, DueAt: due, Position: pos, UpdatedAt: t0}
	}
	ts := []domain.Task{
		mk("a", domain.Low, nil, "a0"),
		mk("b", domain.High, at(5*time.Hour), "a1"),
		mk("c", domain.High, at(2*time.Hour), "a2"),
		mk("d", domain.High, nil, "a0"),
		mk("e", domain.Medium, at(time.Hour), "a3"), // raised to urgent by the rule
		{ID: "f", ProjectID: "p1", Status: "done", Explicit: domain.Urgent},
		mk("g", domain.High, nil, "Z9"),
	}
	rules := []domain.Rule{rule("r", domain.Condition{Kind: domain.DueWithin, Hours: 1}, domain.AtLeast, domain.Urgent)}
	top := domain.Top(ts, func(string) []domain.Rule { return rules }, t0, 5)
	var got []string
	for _, r := range top {
		got = append(got, r.Task.ID)
	}
	want := []string{"e", "c", "b", "g", "d"}
	if len(got) != len(want) {
		t.Fatalf("Top = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Top = %v, want %v", got, want)
		}
	}
}
