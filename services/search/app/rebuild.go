package app

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apperr"

	"github.com/taskrocket/taskrocket/services/search/domain"
)

// Source is what the owning services hold, paged in id order ("" after
// the last page): the truth a rebuild starts from.
type Source interface {
	Projects(ctx context.Context, after string) ([]domain.Project, string, error)
	Labels(ctx context.Context, after string) ([]domain.Label, string, error)
	Tasks(ctx context.Context, after string) ([]domain.Task, string, error)
	// Comments returns the comments of the tasks (at most CommentBatch).
	Comments(ctx context.Context, taskIDs []string) ([]domain.Comment, error)
	// Users returns the names of the accounts (at most UserBatch).
	Users(ctx context.Context, ids []string) ([]domain.User, error)
}

// Batch sizes of the Source's bulk reads.
const (
	CommentBatch = 200
	UserBatch    = 200
)

// Generation is a fresh, empty store for a rebuild: Commit makes it the
// one the service opens at its next start; Discard removes it.
type Generation struct {
	Store   Store
	Commit  func() error
	Discard func()
}

// Reindex rebuilds the index from the owning services (Rebuild with the
// App's source and generations) and retires the store it replaced.
func (a *App) Reindex(ctx context.Context) (Rebuilt, error) {
	if a.source == nil || a.fresh == nil {
		return Rebuilt{}, errors.New("rebuilds are not configured")
	}
	r, old, err := a.Rebuild(ctx, a.source, a.fresh)
	if err == nil && a.retire != nil {
		a.retire(old)
	}
	return r, err
}

// ErrRebuildRunning: one rebuild at a time.
var ErrRebuildRunning = apperr.Conflict("rebuild_running", "a rebuild of the index is already running")

// Rebuilt reports what a rebuild wrote.
type Rebuilt struct {
	Projects int           `json:"projects"`
	Labels   int           `json:"labels"`
	Tasks    int           `json:"tasks"`
	Comments int           `json:"comments"`
	Users    int           `json:"users"`
	Took     time.Duration `json:"tookNs"`
}

// Rebuild makes a new store from the owning services while the live one
// keeps answering, then puts it in the live one's place. Events that
// arrive meanwhile go to both; what the services answer is applied with
// the same rules as events (a record never becomes older), so an event
// that overtakes the read of its object is not undone by it. The old
// store is returned for the caller to close.
func (a *App) Rebuild(ctx context.Context, src Source, fresh func() (Generation, error)) (Rebuilt, Store, error) {
	began := time.Now()
	a.mu.Lock()
	if a.rebuild != nil {
		a.mu.Unlock()
		return Rebuilt{}, Store{}, ErrRebuildRunning
	}
	gen, err := fresh()
	if err != nil {
		a.mu.Unlock()
		return Rebuilt{}, Store{}, err
	}
	a.rebuild = &gen.Store
	a.mu.Unlock()

	var r Rebuilt
	err = a.load(ctx, src, gen.Store, &r)
	a.mu.Lock()
	defer a.mu.Unlock()
	a.rebuild = nil
	if err == nil {
		err = gen.Commit()
	}
	if err != nil {
		gen.Discard()
		return Rebuilt{}, Store{}, err
	}
	old := a.live
	a.live = gen.Store
	r.Took = time.Since(began)
	return r, old, nil
}

// load fills s from src, a page at a time, each under the lock events
// take, so that an event and a page never interleave.
func (a *App) load(ctx context.Context, src Source, s Store, r *Rebuilt) error {
	err := pages(ctx, src.Projects, func(ps []domain.Project) error {
		r.Projects += len(ps)
		return a.loadPage(ctx, s, func(tx Tx, c *change) error {
			for _, p := range ps {
				held, ok, err := getProject(tx, p.ID)
				if err != nil {
					return err
				}
				c.projects = append(c.projects, p.ID)
				if p.Supersedes(held, ok) {
					if err := tx.Put(projectKey(p.ID), p); err != nil {
						return err
					}
				}
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	err = pages(ctx, src.Labels, func(ls []domain.Label) error {
		r.Labels += len(ls)
		return a.loadPage(ctx, s, func(tx Tx, _ *change) error {
			for _, l := range ls {
				held, ok, err := getLabel(tx, l.ID)
				if err != nil {
					return err
				}
				if l.Supersedes(held, ok) {
					if err := tx.Put(labelKey(l.ID), l); err != nil {
						return err
					}
				}
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	named := map[string]bool{}
	return pages(ctx, src.Tasks, func(ts []domain.Task) error {
		r.Tasks += len(ts)
		var ids, people []string
		for _, t := range ts {
			ids = append(ids, t.ID)
			for _, u := range t.AssigneeIDs {
				if !named[u] {
					named[u] = true
					people = append(people, u)
				}
			}
		}
		var comments []domain.Comment
		for part := range slices.Chunk(ids, CommentBatch) {
			cs, err := src.Comments(ctx, part)
			if err != nil {
				return err
			}
			comments = append(comments, cs...)
		}
		var users []domain.User
		for part := range slices.Chunk(people, UserBatch) {
			us, err := src.Users(ctx, part)
			if err != nil {
				return err
			}
			users = append(users, us...)
		}
		r.Comments += len(comments)
		r.Users += len(users)
		return a.loadPage(ctx, s, func(tx Tx, c *change) error {
			return putTaskPage(tx, c, ts, comments, users)
		})
	})
}

func putTaskPage(tx Tx, c *change, ts []domain.Task, comments []domain.Comment, users []domain.User) error {
	for _, u := range users {
		held, ok, err := getUser(tx, u.ID)
		if err != nil {
			return err
		}
		if u.Supersedes(held, ok) {
			if err := tx.Put(userKey(u.ID), u); err != nil {
				return err
			}
		}
	}
	for _, t := range ts {
		c.tasks = append(c.tasks, t.ID)
		if p, ok, err := getProject(tx, t.ProjectID); err != nil || (ok && p.Deleted) {
			if err != nil {
				return err
			}
			continue
		}
		held, ok, err := getTask(tx, t.ID)
		if err != nil {
			return err
		}
		if t.Supersedes(held, ok) {
			if err := putTask(tx, t); err != nil {
				return err
			}
		}
	}
	for _, cm := range comments {
		var held domain.Comment
		ok, err := tx.Get(commentKey(cm.TaskID, cm.ID), &held)
		if err != nil {
			return err
		}
		if cm.Supersedes(held, ok) {
			if err := tx.Put(commentKey(cm.TaskID, cm.ID), cm); err != nil {
				return err
			}
		}
	}
	return nil
}

// loadPage applies one page to s under the lock events take.
func (a *App) loadPage(ctx context.Context, s Store, fn func(tx Tx, c *change) error) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return applyTo(ctx, s, fn)
}

// pages calls fn with every page of list.
func pages[T any](ctx context.Context, list func(context.Context, string) ([]T, string, error), fn func([]T) error) error {
	after := ""
	for {
		items, next, err := list(ctx, after)
		if err != nil {
			return err
		}
		if len(items) > 0 {
			if err := fn(items); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		after = next
	}
}
