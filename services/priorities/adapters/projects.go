package adapters

import (
	"context"
	"errors"
	"slices"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/membership"

	"github.com/taskrocket/taskrocket/services/priorities/app"
	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

// Projects answers membership questions (app.Projects) from the
// service's membership view (platform/membership).
type Projects struct {
	view *membership.View
}

// NewProjects returns the app.Projects of view.
func NewProjects(view *membership.View) *Projects { return &Projects{view: view} }

var _ app.Projects = (*Projects)(nil)

// Membership implements app.Projects.
func (p *Projects) Membership(ctx context.Context, projectID, userID string) (app.Membership, error) {
	m, err := p.view.Membership(ctx, projectID, userID)
	return convert(m, err)
}

// Confirm implements app.Projects.
func (p *Projects) Confirm(ctx context.Context, projectID, userID string) (app.Membership, error) {
	m, err := p.view.Confirm(ctx, projectID, userID)
	return convert(m, err)
}

// UserProjects implements app.Projects (sorted ids).
func (p *Projects) UserProjects(ctx context.Context, userID string) ([]string, error) {
	ms, err := p.view.UserProjects(ctx, userID)
	if err != nil {
		return nil, mapErr(err)
	}
	ids := make([]string, 0, len(ms))
	for _, m := range ms {
		ids = append(ids, m.ProjectID)
	}
	slices.Sort(ids)
	return ids, nil
}

// Owner implements app.Projects.
func (p *Projects) Owner(ctx context.Context, projectID string) (string, error) {
	pr, err := p.view.Members(ctx, projectID)
	if err != nil {
		return "", mapErr(err)
	}
	for _, m := range pr.Members {
		if m.Role == membership.RoleOwner {
			return m.UserID, nil
		}
	}
	return "", domain.ErrProjectNotFound
}

func convert(m membership.Membership, err error) (app.Membership, error) {
	if err != nil {
		return app.Membership{}, mapErr(err)
	}
	return app.Membership{ProjectID: m.ProjectID, UserID: m.UserID, Owner: m.Role == membership.RoleOwner, Archived: m.Archived}, nil
}

func mapErr(err error) error {
	if errors.Is(err, membership.ErrNotFound) {
		return domain.ErrProjectNotFound
	}
	return apperr.Wrap(err, apperr.KindUnavailable, domain.ErrProjectsUnavailable.Code, domain.ErrProjectsUnavailable.Message)
}
