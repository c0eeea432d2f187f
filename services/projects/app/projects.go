package app

import (
	"context"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// CreateProject creates a project owned by callerID.
func (a *App) CreateProject(ctx context.Context, callerID string, d domain.Details) (domain.View, error) {
	d, err := d.Normalize()
	if err != nil {
		return domain.View{}, err
	}
	problems := domain.FieldErrors{}
	if d.Name == nil {
		problems.Add(domain.FieldName, domain.ProblemRequired)
	}
	if d.Key == nil {
		problems.Add(domain.FieldKey, domain.ProblemRequired)
	}
	if err := problems.Err(); err != nil {
		return domain.View{}, err
	}
	id, err := newID()
	if err != nil {
		return domain.View{}, err
	}
	now := a.now()
	p := domain.Project{ID: id, OwnerID: callerID, CreatedAt: now, UpdatedAt: now}
	d.Apply(&p)
	err = a.Store.InTx(ctx, func(tx Tx) error {
		owner := domain.Member{ProjectID: id, UserID: callerID, Role: domain.RoleOwner, JoinedAt: now}
		if err := tx.CreateProject(ctx, p, owner); err != nil {
			return err
		}
		return publish(ctx, tx, contracts.EventProjectCreated, id, func(v int64) any {
			return contracts.ProjectCreated{
				Actor: actor(callerID), ProjectID: id, ProjectVersion: v, Name: p.Name, Description: p.Description, Color: p.Color,
				Key: p.Key, OwnerID: callerID, OccurredAt: now,
			}
		})
	})
	if err != nil {
		return domain.View{}, err
	}
	return domain.View{Project: p, Role: domain.RoleOwner, MemberCount: 1}, nil
}

// Project returns a project its member callerID can see.
func (a *App) Project(ctx context.Context, callerID, projectID string) (domain.View, error) {
	id, ok := domain.ParseID(projectID)
	if !ok {
		return domain.View{}, domain.ErrProjectNotFound
	}
	return a.Store.View(ctx, id, callerID)
}

// Projects lists callerID's projects; it reads one more than limit to
// tell whether a next page exists.
func (a *App) Projects(ctx context.Context, callerID string, filter domain.ArchivedFilter, after *domain.ProjectCursor, limit int) (items []domain.View, more bool, err error) {
	items, err = a.Store.Projects(ctx, callerID, filter, after, limit+1)
	if err != nil {
		return nil, false, err
	}
	if len(items) > limit {
		return items[:limit], true, nil
	}
	return items, false, nil
}

// UpdateProject changes a project's details (owner; not while archived).
// Only fields whose value changes are written and announced.
func (a *App) UpdateProject(ctx context.Context, callerID, projectID string, d domain.Details) (domain.View, error) {
	d, err := d.Normalize()
	if err != nil {
		return domain.View{}, err
	}
	return a.change(ctx, callerID, projectID, domain.ActManage, func(tx Tx, p *domain.Project, now time.Time) error {
		before := *p
		changed := d.Apply(p)
		if len(changed) == 0 {
			return nil
		}
		p.UpdatedAt = now
		if err := tx.UpdateProject(ctx, *p, changed...); err != nil {
			return err
		}
		return publish(ctx, tx, contracts.EventProjectUpdated, p.ID, func(v int64) any {
			return contracts.ProjectUpdated{
				Actor: actor(callerID), ProjectID: p.ID, ProjectVersion: v, Name: p.Name, Description: p.Description, Color: p.Color,
				Key: p.Key, Changed: changed, Previous: previousDetails(before, changed), OccurredAt: now,
			}
		})
	})
}

// previousDetails is project.updated's previous: the changed fields'
// values before the change.
func previousDetails(before domain.Project, changed []string) map[string]string {
	values := map[string]string{domain.FieldName: before.Name, domain.FieldDescription: before.Description,
		domain.FieldColor: before.Color, domain.FieldKey: before.Key}
	out := make(map[string]string, len(changed))
	for _, f := range changed {
		out[f] = values[f]
	}
	return out
}

// Archive makes a project read-only (owner; idempotent).
func (a *App) Archive(ctx context.Context, callerID, projectID string) (domain.View, error) {
	return a.change(ctx, callerID, projectID, domain.ActArchive, func(tx Tx, p *domain.Project, now time.Time) error {
		if p.Archived() {
			return nil
		}
		p.ArchivedAt, p.UpdatedAt = &now, now
		if err := tx.UpdateProject(ctx, *p, ColumnArchived); err != nil {
			return err
		}
		return publish(ctx, tx, contracts.EventProjectArchived, p.ID, func(v int64) any {
			return contracts.ProjectArchived{
				Actor: actor(callerID), ProjectID: p.ID, ProjectVersion: v, OccurredAt: now,
			}
		})
	})
}

// Unarchive makes an archived project writable again (owner; idempotent).
func (a *App) Unarchive(ctx context.Context, callerID, projectID string) (domain.View, error) {
	return a.change(ctx, callerID, projectID, domain.ActArchive, func(tx Tx, p *domain.Project, now time.Time) error {
		if !p.Archived() {
			return nil
		}
		p.ArchivedAt, p.UpdatedAt = nil, now
		if err := tx.UpdateProject(ctx, *p, ColumnArchived); err != nil {
			return err
		}
		return publish(ctx, tx, contracts.EventProjectUnarchived, p.ID, func(v int64) any {
			return contracts.ProjectUnarchived{
				Actor: actor(callerID), ProjectID: p.ID, ProjectVersion: v, OccurredAt: now,
			}
		})
	})
}

// DeleteProject deletes a project for good (owner; archived or not).
// project.deleted tells the other services to drop their data.
func (a *App) DeleteProject(ctx context.Context, callerID, projectID string) error {
	return a.Store.InTx(ctx, func(tx Tx) error {
		p, _, err := authorize(ctx, tx, projectID, callerID, domain.ActDelete)
		if err != nil {
			return err
		}
		return deleteProject(ctx, tx, p, callerID, a.now())
	})
}

func deleteProject(ctx context.Context, tx Tx, p domain.Project, actorID string, now time.Time) error {
	members, err := tx.AllMembers(ctx, p.ID)
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(members))
	for _, m := range members {
		ids = append(ids, m.UserID)
	}
	// The event first: its version is taken from the project's row.
	if err := publish(ctx, tx, contracts.EventProjectDeleted, p.ID, func(v int64) any {
		return contracts.ProjectDeleted{
			Actor: actor(actorID), ProjectID: p.ID, ProjectVersion: v, Name: p.Name, MemberIDs: ids, OccurredAt: now,
		}
	}); err != nil {
		return err
	}
	return tx.DeleteProject(ctx, p.ID)
}

// change runs fn on a locked project the caller may act on, then returns
// the project as the caller now sees it.
func (a *App) change(ctx context.Context, callerID, projectID string, act domain.Action,
	fn func(tx Tx, p *domain.Project, now time.Time) error) (domain.View, error) {
	var out domain.View
	err := a.Store.InTx(ctx, func(tx Tx) error {
		p, _, err := authorize(ctx, tx, projectID, callerID, act)
		if err != nil {
			return err
		}
		if err := fn(tx, &p, a.now()); err != nil {
			return err
		}
		out, err = tx.View(ctx, p.ID, callerID)
		return err
	})
	return out, err
}
