package domain

import (
	"cmp"
	"slices"
	"time"
)

// MaxNextUp is the most tasks a next-up answer holds (and the cache keeps).
const MaxNextUp = 50

// Ranked is an open task with its effective priority, as next up lists it.
type Ranked struct {
	Task      Task
	Effective Effective
}

// Compare orders next up: higher effective priority first, then the
// earlier due time (tasks without one last), then the manual position,
// then the id so that the order is total.
func Compare(a, b Ranked) int {
	if c := cmp.Compare(b.Effective.Level, a.Effective.Level); c != 0 {
		return c
	}
	switch ad, bd := a.Task.DueAt, b.Task.DueAt; {
	case ad != nil && bd == nil:
		return -1
	case ad == nil && bd != nil:
		return 1
	case ad != nil && bd != nil:
		if c := ad.Compare(*bd); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(a.Task.Position, b.Task.Position); c != 0 {
		return c
	}
	return cmp.Compare(a.Task.ID, b.Task.ID)
}

// Top returns the n first open tasks of ts in next-up order, each with its
// effective priority under the rules of its project at now.
func Top(ts []Task, rulesOf func(projectID string) []Rule, now time.Time, n int) []Ranked {
	out := make([]Ranked, 0, len(ts))
	for _, t := range ts {
		if !t.Open() {
			continue
		}
		out = append(out, Ranked{Task: t, Effective: Evaluate(t, rulesOf(t.ProjectID), now)})
	}
	slices.SortFunc(out, Compare)
	if len(out) > n {
		out = out[:n]
	}
	return out
}
