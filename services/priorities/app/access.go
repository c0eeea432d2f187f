package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

// member returns the caller's membership of a project (any role may read
// rules and next up), or domain.ErrProjectNotFound.
func (a *App) member(ctx context.Context, projectID, userID string) (Membership, error) {
	pid, ok := ParseID(projectID)
	if !ok {
		return Membership{}, domain.ErrProjectNotFound
	}
	return a.Projects.Membership(ctx, pid, userID)
}

// owner is member for managing rules: the owner of a project that is not
// archived. A refusal is confirmed with the projects service first (a
// transfer or an unarchiving may still be on its way to the view).
func (a *App) owner(ctx context.Context, projectID, userID string) (Membership, error) {
	m, err := a.member(ctx, projectID, userID)
	if err != nil {
		return Membership{}, err
	}
	if m.Owner && !m.Archived {
		return m, nil
	}
	if m, err = a.Projects.Confirm(ctx, m.ProjectID, userID); err != nil {
		return Membership{}, err
	}
	switch {
	case !m.Owner:
		return Membership{}, domain.ErrForbiddenRole
	case m.Archived:
		return Membership{}, domain.ErrProjectArchived
	}
	return m, nil
}
