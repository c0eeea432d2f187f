package app

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

// Next up is answered from a cache (a Dapr state store) that every change
// invalidates: the project's answer and that of each user assigned before
// or after; the scheduler's re-evaluation of time-based rules is such a
// change.
//
// A miss computes the answer from the projection and writes it only over
// what it read (the entry's ETag, or nothing): invalidation writes a
// marker rather than deleting, so an answer computed before a change can
// never be written after the change's invalidation.

// NextUpItem is one task of a next-up answer.
type NextUpItem struct {
	TaskID      string     `json:"taskId"`
	ProjectID   string     `json:"projectId"`
	Title       string     `json:"title"`
	Status      string     `json:"status"`
	Explicit    string     `json:"explicit"`
	Effective   string     `json:"effective"`
	Reason      string     `json:"reason,omitempty"`
	RuleID      string     `json:"ruleId,omitempty"`
	DueAt       *time.Time `json:"dueAt"`
	Position    string     `json:"position"`
	AssigneeIDs []string   `json:"assigneeIds"`
}

// NextUpEntry is a cached answer (up to domain.MaxNextUp items), or an
// invalidation marker (Stale).
type NextUpEntry struct {
	Items []NextUpItem `json:"items"`
	Stale bool         `json:"stale,omitempty"`
}

// NextUp is a next-up answer; Cached tells whether it came from the cache.
type NextUp struct {
	Items  []NextUpItem
	Cached bool
}

// Cache keeps next-up answers.
type Cache interface {
	// Get returns the entry at key and a token to write over it with
	// ("" and a zero entry when absent).
	Get(ctx context.Context, key string) (NextUpEntry, string, error)
	// Put writes e at key if the key is still as read with token
	// (absent when token is ""); false when it changed meanwhile.
	Put(ctx context.Context, key string, e NextUpEntry, token string) (bool, error)
	// Invalidate marks the keys stale.
	Invalidate(ctx context.Context, keys ...string) error
}

// Cache keys.
func projectKey(projectID string) string { return "nextup|project|" + projectID }
func userKey(userID string) string       { return "nextup|user|" + userID }

// CacheStats counts cache answers, for the metrics and the benchmark.
type CacheStats interface {
	Hit()
	Miss()
}

func (a *App) invalidate(ctx context.Context, projectID string, users []string) error {
	if a.Cache == nil {
		return nil
	}
	keys := []string{projectKey(projectID)}
	slices.Sort(users)
	for _, u := range slices.Compact(users) {
		keys = append(keys, userKey(u))
	}
	return a.Cache.Invalidate(ctx, keys...)
}

// ProjectNextUp returns the first limit open tasks of a project by
// effective priority, due time and position (any member).
func (a *App) ProjectNextUp(ctx context.Context, actor, projectID string, limit int) (NextUp, error) {
	m, err := a.member(ctx, projectID, actor)
	if err != nil {
		return NextUp{}, err
	}
	items, hit, err := a.cached(ctx, projectKey(m.ProjectID), func() ([]Projected, error) {
		if err := a.ensureLoaded(ctx, m.ProjectID); err != nil {
			return nil, err
		}
		return a.Store.NextUp(ctx, []string{m.ProjectID}, "", domain.MaxNextUp)
	})
	if err != nil {
		return NextUp{}, err
	}
	return NextUp{Items: items[:min(limit, len(items))], Cached: hit}, nil
}

// MyNextUp returns the first limit open tasks assigned to the caller in
// every project they belong to. A cached answer is filtered through the
// membership view, so a project the caller has just left is not shown
// even before the unassignment arrives.
func (a *App) MyNextUp(ctx context.Context, actor string, limit int) (NextUp, error) {
	items, hit, err := a.cached(ctx, userKey(actor), func() ([]Projected, error) {
		pids, err := a.Projects.UserProjects(ctx, actor)
		if err != nil {
			return nil, err
		}
		unloaded, err := a.Store.Unloaded(ctx, pids)
		if err != nil {
			return nil, err
		}
		for _, pid := range unloaded {
			if err := a.ensureLoaded(ctx, pid); err != nil {
				return nil, err
			}
		}
		return a.Store.NextUp(ctx, pids, actor, domain.MaxNextUp)
	})
	if err != nil {
		return NextUp{}, err
	}
	out := make([]NextUpItem, 0, min(limit, len(items)))
	for _, it := range items {
		if len(out) == limit {
			break
		}
		_, err := a.Projects.Membership(ctx, it.ProjectID, actor)
		if errors.Is(err, domain.ErrProjectNotFound) {
			continue
		}
		if err != nil {
			return NextUp{}, err
		}
		out = append(out, it)
	}
	return NextUp{Items: out, Cached: hit}, nil
}

// cached answers from the cache entry at key, or computes the answer with
// load and writes it over what was read.
func (a *App) cached(ctx context.Context, key string, load func() ([]Projected, error)) ([]NextUpItem, bool, error) {
	var token string
	if a.Cache != nil {
		e, tok, err := a.Cache.Get(ctx, key)
		if err != nil {
			a.Log.WarnContext(ctx, "next-up cache unavailable; computing", "error", err)
		} else if tok != "" && !e.Stale {
			a.hit(true)
			return e.Items, true, nil
		}
		token = tok
	}
	a.hit(false)
	// Requests that miss the same key together share one computation
	// (begun at most the computation's time before them). Its write names
	// the ETag its first caller read, so an invalidation meanwhile wins.
	v, err, _ := a.flights.Do(key, func() (any, error) {
		ts, err := load()
		if err != nil {
			return nil, err
		}
		e := compute(ts)
		if a.Cache != nil {
			if _, err := a.Cache.Put(ctx, key, e, token); err != nil {
				a.Log.WarnContext(ctx, "next-up cache not written", "error", err)
			}
		}
		return e.Items, nil
	})
	if err != nil {
		return nil, false, err
	}
	return v.([]NextUpItem), false, nil
}

func (a *App) hit(hit bool) {
	if s, ok := a.Cache.(CacheStats); ok {
		if hit {
			s.Hit()
		} else {
			s.Miss()
		}
	}
}

// compute is the next-up answer of tasks read in next-up order with
// their stored effective priority: every task event, rule change and
// time-based re-evaluation keeps it current (and invalidates the answers
// it changes), so nothing is evaluated here.
func compute(ps []Projected) NextUpEntry {
	e := NextUpEntry{Items: make([]NextUpItem, 0, len(ps))}
	for _, p := range ps {
		t := p.Task
		e.Items = append(e.Items, NextUpItem{
			TaskID: t.ID, ProjectID: t.ProjectID, Title: t.Title, Status: t.Status,
			Explicit: t.Explicit.String(), Effective: p.Announced.Level.String(),
			Reason: p.Announced.Reason, RuleID: p.Announced.RuleID, DueAt: t.DueAt,
			Position: t.Position, AssigneeIDs: t.AssigneeIDs,
		})
	}
	return e
}
