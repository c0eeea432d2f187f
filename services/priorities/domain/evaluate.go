package domain

import "time"

// Effective is a task's effective priority and why it differs from the
// explicit one (RuleID and Reason empty when no rule changed it).
type Effective struct {
	Level  Level
	RuleID string
	Reason string // "raised by rule: due within 24 h"
}

// Evaluate applies the rules, in order, to the task's explicit priority at
// now: each rule whose condition holds applies its effect to the level
// the rules before it produced (at least: raise only; exactly: set). The
// reason names the last rule that changed the level, unless the result
// equals the explicit priority.
func Evaluate(t Task, rules []Rule, now time.Time) Effective {
	level := t.Explicit
	var by *Rule
	for i := range rules {
		r := &rules[i]
		if !r.Condition.Holds(t, now) {
			continue
		}
		next := level
		switch r.Effect.Kind {
		case AtLeast:
			next = max(level, r.Effect.Level)
		case Exactly:
			next = r.Effect.Level
		}
		if next != level {
			level, by = next, r
		}
	}
	if level == t.Explicit || by == nil {
		return Effective{Level: t.Explicit}
	}
	verb := "raised"
	if level < t.Explicit {
		verb = "lowered"
	}
	return Effective{Level: level, RuleID: by.ID, Reason: verb + " by rule: " + by.Condition.Describe()}
}

// NextChange is the earliest moment after now at which a time-based
// condition of the rules starts to hold for the task, when the task's
// effective priority must be computed again; false when time alone will
// not change it (no such condition, or all already hold). Done tasks are
// not watched.
func NextChange(t Task, rules []Rule, now time.Time) (time.Time, bool) {
	if !t.Open() {
		return time.Time{}, false
	}
	var next time.Time
	found := false
	for _, r := range rules {
		at, ok := r.Condition.startsAt(t)
		if !ok || !at.After(now) {
			continue
		}
		if !found || at.Before(next) {
			next, found = at, true
		}
	}
	return next, found
}
