package app

import (
	"context"
	"slices"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// CreateTask adds a task to a project (owners and participants of a live
// project) and announces it: task.created, and task.assigned per
// assignee.
func (a *App) CreateTask(ctx context.Context, actor, projectID string, in domain.TaskInput) (domain.Task, error) {
	return a.createTask(ctx, actor, projectID, in, "")
}

// createTask creates a task; with a key, once per key: a second call with
// the key returns the task the first created (errOccurrenceExists inside).
func (a *App) createTask(ctx context.Context, actor, projectID string, in domain.TaskInput, key string) (domain.Task, error) {
	m, err := a.writer(ctx, projectID, actor)
	if err != nil {
		return domain.Task{}, err
	}
	f, err := in.Normalize()
	if err != nil {
		return domain.Task{}, err
	}
	if err := a.checkAssignees(ctx, m.ProjectID, actor, f.AssigneeIDs); err != nil {
		return domain.Task{}, err
	}
	id, err := a.NewID()
	if err != nil {
		return domain.Task{}, err
	}
	now := a.now()
	var out domain.Task
	existing := ""
	err = a.Store.InTx(ctx, func(tx Tx) error {
		if key != "" {
			var err error
			if existing, err = tx.ClaimOccurrenceKey(ctx, key, id, now); err != nil || existing != "" {
				return err
			}
		}
		if f.ParentID != "" {
			if err := tx.LockProjectTree(ctx, m.ProjectID); err != nil {
				return err
			}
			if err := checkParent(ctx, tx, m.ProjectID, "", f.ParentID); err != nil {
				return err
			}
		}
		if err := checkReferences(ctx, tx, m.ProjectID, f.CategoryID, f.TagIDs); err != nil {
			return err
		}
		var ref domain.PositionRef
		if f.Position != nil {
			ref = *f.Position
		}
		pos, err := place(ctx, tx, m.ProjectID, "", "", ref)
		if err != nil {
			return err
		}
		t := domain.NewTask(id, m.ProjectID, actor, f, pos, now)
		if err := tx.InsertTask(ctx, t); err != nil {
			return err
		}
		evs, err := taskCreatedEvents(actor, t)
		if err != nil {
			return err
		}
		out = t
		return tx.Append(ctx, evs...)
	})
	if err == nil && existing != "" {
		return a.Store.Task(ctx, existing)
	}
	return out, err
}

func checkReferences(ctx context.Context, tx Tx, projectID, categoryID string, tagIDs []string) error {
	if categoryID != "" {
		if err := checkCategory(ctx, tx, projectID, categoryID); err != nil {
			return err
		}
	}
	if len(tagIDs) > 0 {
		return checkTags(ctx, tx, projectID, tagIDs)
	}
	return nil
}

// Task returns a task of a project the caller is a member of.
func (a *App) Task(ctx context.Context, actor, taskID string) (domain.Task, error) {
	t, _, err := a.taskFor(ctx, taskID, actor)
	return t, err
}

// UpdateTask applies a partial update. ifMatch, when not nil, lists the
// versions the client accepts to change (If-Match); another current
// version is domain.ErrVersionMismatch. An update that changes nothing
// writes and announces nothing and keeps the version.
func (a *App) UpdateTask(ctx context.Context, actor, taskID string, ifMatch []int64, patch domain.TaskPatch) (domain.Task, error) {
	t, m, err := a.taskFor(ctx, taskID, actor)
	if err != nil {
		return domain.Task{}, err
	}
	if _, err := a.checkWrite(ctx, m); err != nil {
		return domain.Task{}, notFoundAsTask(err)
	}
	c, err := patch.Normalize()
	if err != nil {
		return domain.Task{}, err
	}
	if c.AssigneeIDs != nil {
		if err := a.checkAssignees(ctx, t.ProjectID, actor, domain.Added(t.AssigneeIDs, *c.AssigneeIDs)); err != nil {
			return domain.Task{}, err
		}
	}
	now := a.now()
	var out domain.Task
	err = a.Store.InTx(ctx, func(tx Tx) error {
		newParent := c.ParentID.Set && !c.ParentID.Null
		if newParent {
			if err := tx.LockProjectTree(ctx, t.ProjectID); err != nil {
				return err
			}
		}
		cur, err := tx.Task(ctx, t.ID, true)
		if err != nil {
			return err
		}
		if ifMatch != nil && !slices.Contains(ifMatch, cur.Version) {
			return domain.VersionMismatch(cur.Version)
		}
		if newParent && c.ParentID.Value != cur.ParentID {
			if err := checkParent(ctx, tx, cur.ProjectID, cur.ID, c.ParentID.Value); err != nil {
				return err
			}
		}
		category := ""
		if c.CategoryID.Set && c.CategoryID.Value != cur.CategoryID {
			category = c.CategoryID.Value
		}
		var tags []string
		if c.TagIDs != nil {
			tags = domain.Added(cur.TagIDs, *c.TagIDs)
		}
		if err := checkReferences(ctx, tx, cur.ProjectID, category, tags); err != nil {
			return err
		}
		pos := ""
		if c.Position != nil {
			if pos, err = place(ctx, tx, cur.ProjectID, cur.ID, cur.Position, *c.Position); err != nil {
				return err
			}
		}
		before := cur
		changed, err := cur.Apply(c, pos, now)
		if err != nil || len(changed) == 0 {
			out = cur
			return err
		}
		if err := tx.UpdateTask(ctx, cur, changed); err != nil {
			return err
		}
		evs, err := taskUpdatedEvents(actor, before, cur, changed)
		if err != nil {
			return err
		}
		out = cur
		return tx.Append(ctx, evs...)
	})
	return out, err
}

// DeleteTask deletes a task with all its subtasks (a subtask is part of
// its parent's work; keeping it would leave it without context) and
// announces each with task.deleted. ifMatch is UpdateTask's.
func (a *App) DeleteTask(ctx context.Context, actor, taskID string, ifMatch []int64) error {
	t, m, err := a.taskFor(ctx, taskID, actor)
	if err != nil {
		return err
	}
	if _, err := a.checkWrite(ctx, m); err != nil {
		return notFoundAsTask(err)
	}
	now := a.now()
	return a.Store.InTx(ctx, func(tx Tx) error {
		if err := tx.LockProjectTree(ctx, t.ProjectID); err != nil {
			return err
		}
		cur, err := tx.Task(ctx, t.ID, true)
		if err != nil {
			return err
		}
		if ifMatch != nil && !slices.Contains(ifMatch, cur.Version) {
			return domain.VersionMismatch(cur.Version)
		}
		removed, err := tx.Subtree(ctx, cur.ID)
		if err != nil {
			return err
		}
		ids := make([]string, len(removed))
		for i, r := range removed {
			ids[i] = r.ID
		}
		if err := tx.DeleteTasks(ctx, ids); err != nil {
			return err
		}
		evs, err := taskDeletedEvents(actor, removed, now)
		if err != nil {
			return err
		}
		return tx.Append(ctx, evs...)
	})
}
