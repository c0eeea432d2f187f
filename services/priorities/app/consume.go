package app

import (
	"context"
	"math"
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

// Consumer names (the inbox keys processed event ids per consumer).
const (
	ConsumerTaskChanged    = "priorities.task_changed"
	ConsumerTaskUnassigned = "priorities.task_unassigned"
	ConsumerTaskDeleted    = "priorities.task_deleted"
	ConsumerProjectDeleted = "priorities.project_deleted"
)

// TaskChanged applies the state a task.created or task.updated event
// carries: an older state than the one held is ignored. The task's
// effective priority is computed again and a change announced; the next
// up of its project and of its assignees, before and after, is
// invalidated.
func (a *App) TaskChanged(ctx context.Context, eventID, actor string, t domain.Task) error {
	var users []string
	err := a.Store.Consume(ctx, ConsumerTaskChanged, eventID, func(tx Tx) error {
		if err := tx.LockProject(ctx, t.ProjectID); err != nil {
			return err
		}
		held, found, err := tx.Task(ctx, t.ID)
		if err != nil {
			return err
		}
		if found && (held.Deleted || held.Version >= t.Version) {
			return nil
		}
		p := Projected{Task: t, Announced: domain.Effective{Level: t.Explicit}}
		if found {
			users = held.AssigneeIDs
			p.Announced, p.Sequence = held.Announced, held.Sequence
		}
		users = append(users, t.AssigneeIDs...)
		return a.settleAndSave(ctx, tx, &p, actor)
	})
	if err != nil {
		return err
	}
	return a.invalidate(ctx, t.ProjectID, users)
}

// TaskUnassigned removes a user from a held task's assignees (a member
// who left the project; edits also arrive as task.updated).
func (a *App) TaskUnassigned(ctx context.Context, eventID, actor, projectID, taskID, userID string) error {
	err := a.Store.Consume(ctx, ConsumerTaskUnassigned, eventID, func(tx Tx) error {
		if err := tx.LockProject(ctx, projectID); err != nil {
			return err
		}
		p, found, err := tx.Task(ctx, taskID)
		if err != nil || !found || p.Deleted || !p.AssignedTo(userID) {
			return err
		}
		p.AssigneeIDs = slices.DeleteFunc(slices.Clone(p.AssigneeIDs), func(u string) bool { return u == userID })
		return a.settleAndSave(ctx, tx, &p, actor)
	})
	if err != nil {
		return err
	}
	return a.invalidate(ctx, projectID, []string{userID})
}

// TaskDeleted keeps a tombstone of the task, so that a late load cannot
// bring it back.
func (a *App) TaskDeleted(ctx context.Context, eventID, projectID, taskID string, assignees []string) error {
	err := a.Store.Consume(ctx, ConsumerTaskDeleted, eventID, func(tx Tx) error {
		if err := tx.LockProject(ctx, projectID); err != nil {
			return err
		}
		p, found, err := tx.Task(ctx, taskID)
		if err != nil {
			return err
		}
		if found {
			assignees = append(assignees, p.AssigneeIDs...)
		} else {
			p = Projected{Task: domain.Task{ID: taskID, ProjectID: projectID, UpdatedAt: a.now()}}
		}
		p.Deleted, p.Version, p.NextEvalAt = true, math.MaxInt64, nil
		return tx.SaveTask(ctx, p)
	})
	if err != nil {
		return err
	}
	return a.invalidate(ctx, projectID, assignees)
}

// ProjectDeleted forgets the project's rules and tasks.
func (a *App) ProjectDeleted(ctx context.Context, eventID, projectID string) error {
	var users []string
	err := a.Store.Consume(ctx, ConsumerProjectDeleted, eventID, func(tx Tx) error {
		if err := tx.LockProject(ctx, projectID); err != nil {
			return err
		}
		var err error
		users, err = tx.DeleteProject(ctx, projectID)
		return err
	})
	a.loaded.Delete(projectID)
	if err != nil {
		return err
	}
	return a.invalidate(ctx, projectID, users)
}

func (a *App) settleAndSave(ctx context.Context, tx Tx, p *Projected, actor string) error {
	rules, err := tx.Rules(ctx, p.ProjectID)
	if err != nil {
		return err
	}
	ev, err := settle(p, rules, actor, a.now())
	if err != nil {
		return err
	}
	if err := tx.SaveTask(ctx, *p); err != nil {
		return err
	}
	a.wake(p.NextEvalAt)
	if ev == nil {
		return nil
	}
	return tx.Append(ctx, []events.Event{*ev}...)
}

// Reevaluate settles the tasks whose time-based rule started to hold by
// now, and returns when the next one does (nil: none is scheduled).
func (a *App) Reevaluate(ctx context.Context, batch int) (*time.Time, error) {
	now := a.now()
	due, next, err := a.Store.DueTasks(ctx, now, batch)
	if err != nil {
		return nil, err
	}
	projects := map[string][]string{}
	for _, p := range due {
		projects[p.ProjectID] = append(projects[p.ProjectID], p.ID)
	}
	for pid, ids := range projects {
		var users []string
		err := a.Store.InTx(ctx, func(tx Tx) error {
			if err := tx.LockProject(ctx, pid); err != nil {
				return err
			}
			rules, err := tx.Rules(ctx, pid)
			if err != nil {
				return err
			}
			actor := ""
			for _, id := range ids {
				p, found, err := tx.Task(ctx, id)
				if err != nil {
					return err
				}
				if !found || p.Deleted || p.NextEvalAt == nil || p.NextEvalAt.After(now) {
					continue // changed meanwhile
				}
				if actor == "" && len(rules) > 0 {
					if actor, err = a.Projects.Owner(ctx, pid); err != nil {
						return err
					}
				}
				users = append(users, p.AssigneeIDs...)
				ev, err := settle(&p, rules, actor, now)
				if err != nil {
					return err
				}
				if err := tx.SaveEffective(ctx, p); err != nil {
					return err
				}
				if ev != nil {
					if err := tx.Append(ctx, *ev); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if err := a.invalidate(ctx, pid, users); err != nil {
			return nil, err
		}
	}
	if len(due) == batch {
		return &now, nil // more are due
	}
	return next, nil
}
