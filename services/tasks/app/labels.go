package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// Categories and tags: every member may list them; owners and
// participants of a live project may change them.

// Labels returns a page of a project's categories or tags, by name.
func (a *App) Labels(ctx context.Context, kind domain.LabelKind, actor, projectID string, after *domain.LabelCursor, limit int) (domain.LabelPage, error) {
	m, err := a.member(ctx, projectID, actor)
	if err != nil {
		return domain.LabelPage{}, err
	}
	return a.Store.Labels(ctx, kind, m.ProjectID, after, limit)
}

// CreateLabel adds a category or tag and announces it.
func (a *App) CreateLabel(ctx context.Context, kind domain.LabelKind, actor, projectID string, in domain.LabelInput) (domain.Label, error) {
	m, err := a.writer(ctx, projectID, actor)
	if err != nil {
		return domain.Label{}, err
	}
	id, err := a.NewID()
	if err != nil {
		return domain.Label{}, err
	}
	l, err := domain.NewLabel(kind, id, m.ProjectID, actor, in, a.now())
	if err != nil {
		return domain.Label{}, err
	}
	err = a.Store.InTx(ctx, func(tx Tx) error {
		if err := tx.InsertLabel(ctx, l); err != nil {
			return err
		}
		ev, err := labelCreatedEvent(actor, l)
		if err != nil {
			return err
		}
		return tx.Append(ctx, ev)
	})
	return l, err
}

// UpdateLabel renames or recolors a category or tag; a change that
// changes nothing writes and announces nothing.
func (a *App) UpdateLabel(ctx context.Context, kind domain.LabelKind, actor, projectID, labelID string, p domain.LabelPatch) (domain.Label, error) {
	m, err := a.writer(ctx, projectID, actor)
	if err != nil {
		return domain.Label{}, err
	}
	id, ok := domain.ParseID(labelID)
	if !ok {
		return domain.Label{}, kind.NotFound()
	}
	now := a.now()
	var out domain.Label
	err = a.Store.InTx(ctx, func(tx Tx) error {
		l, err := tx.Label(ctx, kind, m.ProjectID, id, true)
		if err != nil {
			return err
		}
		changed, err := l.Apply(p, now)
		out = l
		if err != nil || len(changed) == 0 {
			return err
		}
		if err := tx.UpdateLabel(ctx, l, changed); err != nil {
			return err
		}
		ev, err := labelUpdatedEvent(actor, l, changed)
		if err != nil {
			return err
		}
		return tx.Append(ctx, ev)
	})
	return out, err
}

// DeleteLabel deletes a category or tag; the tasks that had it lose it in
// the same transaction (each gets a new version) and the deletion event
// says how many they were.
func (a *App) DeleteLabel(ctx context.Context, kind domain.LabelKind, actor, projectID, labelID string) error {
	m, err := a.writer(ctx, projectID, actor)
	if err != nil {
		return err
	}
	id, ok := domain.ParseID(labelID)
	if !ok {
		return kind.NotFound()
	}
	now := a.now()
	return a.Store.InTx(ctx, func(tx Tx) error {
		l, err := tx.Label(ctx, kind, m.ProjectID, id, true)
		if err != nil {
			return err
		}
		detached, err := tx.DeleteLabel(ctx, l, now)
		if err != nil {
			return err
		}
		ev, err := labelDeletedEvent(actor, l, detached, now)
		if err != nil {
			return err
		}
		return tx.Append(ctx, ev)
	})
}
