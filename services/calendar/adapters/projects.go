package adapters

import (
	"context"
	"errors"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/membership"

	"github.com/taskrocket/taskrocket/services/calendar/app"
)

// ErrProjectsUnavailable: the projects service could not say who is a
// member.
var ErrProjectsUnavailable = apperr.New(apperr.KindUnavailable, "projects_unavailable",
	"project membership cannot be checked right now; try again")

// Projects answers membership questions (app.Projects) from the service's
// membership view (platform/membership).
type Projects struct {
	view *membership.View
}

// NewProjects returns the app.Projects of view.
func NewProjects(view *membership.View) *Projects { return &Projects{view: view} }

var _ app.Projects = (*Projects)(nil)

// Membership implements app.Projects.
func (p *Projects) Membership(ctx context.Context, projectID, userID string) (app.Member, error) {
	m, err := p.view.Membership(ctx, projectID, userID)
	if err != nil {
		return app.Member{}, mapErr(err)
	}
	return app.Member{Role: m.Role, Archived: m.Archived}, nil
}

// Confirm implements app.Projects.
func (p *Projects) Confirm(ctx context.Context, projectID, userID string) (app.Member, error) {
	m, err := p.view.Confirm(ctx, projectID, userID)
	if err != nil {
		return app.Member{}, mapErr(err)
	}
	return app.Member{Role: m.Role, Archived: m.Archived}, nil
}

// Members implements app.Projects.
func (p *Projects) Members(ctx context.Context, projectID string) ([]string, error) {
	pr, err := p.view.Members(ctx, projectID)
	if err != nil {
		return nil, mapErr(err)
	}
	out := make([]string, len(pr.Members))
	for i, m := range pr.Members {
		out[i] = m.UserID
	}
	return out, nil
}

// UserProjects implements app.Projects.
func (p *Projects) UserProjects(ctx context.Context, userID string) ([]string, error) {
	ms, err := p.view.UserProjects(ctx, userID)
	if errors.Is(err, membership.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, mapErr(err)
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.ProjectID
	}
	return out, nil
}

func mapErr(err error) error {
	if errors.Is(err, membership.ErrNotFound) {
		return app.ErrNotMember
	}
	return apperr.Wrap(err, apperr.KindUnavailable, ErrProjectsUnavailable.Code, ErrProjectsUnavailable.Message)
}
