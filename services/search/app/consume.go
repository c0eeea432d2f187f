package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/taskrocket/taskrocket/services/search/domain"
)

// ErrMalformed marks an event the service can never apply (the ports
// drop it instead of retrying).
var ErrMalformed = errors.New("malformed event")

// IsMalformed reports whether err is ErrMalformed.
func IsMalformed(err error) bool { return errors.Is(err, ErrMalformed) }

// change is what one event touched: the tasks and projects whose
// documents are made again from the catalog. Every event renders what it
// touched even when it changed nothing (redelivered, or older than what
// is held): a delivery retried because the index failed after the
// catalog was written still brings the index up to date.
type change struct {
	tasks    []string
	projects []string
}

// apply runs fn on the catalog, then writes the documents of what it
// touched, as the catalog now has them, to the index; during a rebuild,
// on both stores.
func (a *App) apply(ctx context.Context, fn func(tx Tx, c *change) error) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := applyTo(ctx, a.live, fn); err != nil {
		return err
	}
	if a.rebuild != nil {
		return applyTo(ctx, *a.rebuild, fn)
	}
	return nil
}

func applyTo(ctx context.Context, s Store, fn func(tx Tx, c *change) error) error {
	var c change
	var seq uint64
	err := s.Catalog.Update(ctx, func(tx Tx) error {
		if err := fn(tx, &c); err != nil {
			return err
		}
		var err error
		seq, err = nextSeq(tx)
		return err
	})
	if err != nil {
		return err
	}
	return render(ctx, s, c, seq)
}

// render writes the documents of what c touched, as the catalog has them.
func render(ctx context.Context, s Store, c change, seq uint64) error {
	var docs []domain.Doc
	var gone []string
	err := s.Catalog.View(ctx, func(tx Tx) error {
		for _, id := range c.tasks {
			d, ok, err := renderTask(tx, id)
			if err != nil {
				return err
			}
			if ok {
				docs = append(docs, d)
			} else {
				gone = append(gone, id)
			}
		}
		for _, id := range c.projects {
			p, ok, err := getProject(tx, id)
			if err != nil {
				return err
			}
			if ok && !p.Deleted {
				docs = append(docs, domain.RenderProject(p))
			} else {
				gone = append(gone, id)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := s.Index.Apply(ctx, Batch{Docs: docs, Delete: gone, Seq: seq}); err != nil {
		return fmt.Errorf("%w: %w", domain.ErrIndexUnavailable, err)
	}
	return nil
}

// TaskChanged applies a task's state as a task event announces it.
func (a *App) TaskChanged(ctx context.Context, t domain.Task) error {
	return a.apply(ctx, func(tx Tx, c *change) error {
		c.tasks = append(c.tasks, t.ID)
		held, ok, err := getTask(tx, t.ID)
		if err != nil || !t.Supersedes(held, ok) {
			return err
		}
		return putTask(tx, t)
	})
}

// TaskDeleted removes a task for good.
func (a *App) TaskDeleted(ctx context.Context, projectID, taskID string) error {
	return a.apply(ctx, func(tx Tx, c *change) error {
		c.tasks = append(c.tasks, taskID)
		held, _, err := getTask(tx, taskID)
		if err != nil {
			return err
		}
		held.ID, held.ProjectID, held.Deleted = taskID, projectID, true
		if err := putTask(tx, held); err != nil {
			return err
		}
		cs, err := comments(tx, taskID)
		for _, cm := range cs {
			if err == nil {
				err = tx.Delete(commentKey(taskID, cm.ID))
			}
		}
		return err
	})
}

// MemberUnassigned removes a user from a task's assignees when they left
// its project (an edit that unassigns is announced with the task's new
// state instead).
func (a *App) MemberUnassigned(ctx context.Context, taskID, userID string) error {
	return a.apply(ctx, func(tx Tx, c *change) error {
		c.tasks = append(c.tasks, taskID)
		t, ok, err := getTask(tx, taskID)
		if err != nil || !ok || t.Deleted {
			return err
		}
		var removed bool
		if t.AssigneeIDs, removed = domain.Without(t.AssigneeIDs, userID); !removed {
			return nil
		}
		return putTask(tx, t)
	})
}

// LabelChanged applies a tag's or category's creation, rename or deletion
// and renders its project's tasks again. A deleted label is also taken off
// the tasks, as the tasks service does.
func (a *App) LabelChanged(ctx context.Context, l domain.Label) error {
	return a.apply(ctx, func(tx Tx, c *change) error {
		held, ok, err := getLabel(tx, l.ID)
		if err != nil {
			return err
		}
		if ids, err := projectTaskIDs(tx, l.ProjectID); err != nil {
			return err
		} else {
			c.tasks = append(c.tasks, ids...)
		}
		if !l.Supersedes(held, ok) {
			return nil
		}
		if err := tx.Put(labelKey(l.ID), l); err != nil || !l.Deleted {
			return err
		}
		for _, tid := range c.tasks {
			t, ok, err := getTask(tx, tid)
			if err != nil || !ok {
				return err
			}
			var untagged bool
			t.TagIDs, untagged = domain.Without(t.TagIDs, l.ID)
			uncategorised := t.CategoryID == l.ID
			if uncategorised {
				t.CategoryID = ""
			}
			if untagged || uncategorised {
				if err := putTask(tx, t); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// ProjectChanged applies a project's creation or change and renders it
// and its tasks (which show its name and key) again.
func (a *App) ProjectChanged(ctx context.Context, p domain.Project, renamed bool) error {
	return a.apply(ctx, func(tx Tx, c *change) error {
		c.projects = append(c.projects, p.ID)
		held, ok, err := getProject(tx, p.ID)
		if err != nil {
			return err
		}
		if renamed || !ok {
			ids, err := projectTaskIDs(tx, p.ID)
			if err != nil {
				return err
			}
			c.tasks = append(c.tasks, ids...)
		}
		if !p.Supersedes(held, ok) {
			return nil
		}
		return tx.Put(projectKey(p.ID), p)
	})
}

// ProjectDeleted removes a project, its tasks and their comments for good.
func (a *App) ProjectDeleted(ctx context.Context, projectID string, version int64) error {
	return a.apply(ctx, func(tx Tx, c *change) error {
		c.projects = append(c.projects, projectID)
		ids, err := projectTaskIDs(tx, projectID)
		if err != nil {
			return err
		}
		c.tasks = append(c.tasks, ids...)
		if err := tx.Put(projectKey(projectID), domain.Project{ID: projectID, Version: version, Deleted: true}); err != nil {
			return err
		}
		for _, tid := range ids {
			if err := tx.Delete(projectTaskKey(projectID, tid)); err != nil {
				return err
			}
			if err := tx.Delete(taskKey(tid)); err != nil {
				return err
			}
			cs, err := comments(tx, tid)
			if err != nil {
				return err
			}
			for _, cm := range cs {
				if err := tx.Delete(commentKey(tid, cm.ID)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// CommentChanged applies a comment on a task (created, edited or
// deleted) and renders the task again.
func (a *App) CommentChanged(ctx context.Context, cm domain.Comment) error {
	return a.apply(ctx, func(tx Tx, c *change) error {
		c.tasks = append(c.tasks, cm.TaskID)
		if t, ok, err := getTask(tx, cm.TaskID); err != nil || (ok && t.Deleted) {
			return err
		}
		if p, ok, err := getProject(tx, cm.ProjectID); err != nil || (ok && p.Deleted) {
			return err
		}
		var held domain.Comment
		ok, err := tx.Get(commentKey(cm.TaskID, cm.ID), &held)
		if err != nil || !cm.Supersedes(held, ok) {
			return err
		}
		if cm.Deleted {
			cm.Body = ""
		}
		return tx.Put(commentKey(cm.TaskID, cm.ID), cm)
	})
}

// UserChanged applies a person's new names (or their account's deletion)
// and renders the tasks assigned to them again.
func (a *App) UserChanged(ctx context.Context, u domain.User) error {
	return a.apply(ctx, func(tx Tx, c *change) error {
		held, ok, err := getUser(tx, u.ID)
		if err != nil || !u.Supersedes(held, ok) {
			return err
		}
		if ok && held.Username == u.Username && held.DisplayName == u.DisplayName && held.Deleted == u.Deleted {
			return tx.Put(userKey(u.ID), u)
		}
		if err := tx.Put(userKey(u.ID), u); err != nil {
			return err
		}
		// Renames are rare: every held task is looked at.
		return tx.Scan("task/", func(_ string, raw []byte) error {
			var t domain.Task
			if err := json.Unmarshal(raw, &t); err != nil {
				return err
			}
			for _, id := range t.AssigneeIDs {
				if id == u.ID && !t.Deleted {
					c.tasks = append(c.tasks, t.ID)
					break
				}
			}
			return nil
		})
	})
}
