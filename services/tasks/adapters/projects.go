package adapters

import (
	"context"
	"errors"
	"slices"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/membership"

	"github.com/taskrocket/taskrocket/services/tasks/app"
	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// Projects answers membership questions (app.Projects) from the service's
// membership view: held in memory, kept current by the projects topic's
// events, asked of the projects service on a miss (platform/membership).
type Projects struct {
	view *membership.View
}

// NewProjects returns the app.Projects of view.
func NewProjects(view *membership.View) *Projects {
	return &Projects{view: view}
}

var _ app.Projects = (*Projects)(nil)

// Membership implements app.Projects.
func (p *Projects) Membership(ctx context.Context, projectID, userID string) (domain.Membership, error) {
	m, err := p.view.Membership(ctx, projectID, userID)
	if err != nil {
		return domain.Membership{}, mapErr(err)
	}
	return domain.Membership{ProjectID: projectID, UserID: userID, Role: role(m.Role), Archived: m.Archived}, nil
}

// Confirm implements app.Projects.
func (p *Projects) Confirm(ctx context.Context, projectID, userID string) (domain.Membership, error) {
	m, err := p.view.Confirm(ctx, projectID, userID)
	if err != nil {
		return domain.Membership{}, mapErr(err)
	}
	return domain.Membership{ProjectID: projectID, UserID: userID, Role: role(m.Role), Archived: m.Archived}, nil
}

// UserProjects implements app.Projects; ids come sorted, so a list across
// projects asks the same query every time.
func (p *Projects) UserProjects(ctx context.Context, userID string) ([]string, error) {
	ms, err := p.view.UserProjects(ctx, userID)
	if err != nil {
		return nil, mapErr(err)
	}
	ids := make([]string, 0, len(ms))
	for _, m := range ms {
		if id, ok := domain.ParseID(m.ProjectID); ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// role maps the contract's role names to the domain's; an unknown role is
// kept as it is (it may read, not write).
func role(r string) string {
	switch r {
	case membership.RoleOwner:
		return domain.RoleOwner
	case membership.RoleParticipant:
		return domain.RoleParticipant
	}
	return r
}

func mapErr(err error) error {
	if errors.Is(err, membership.ErrNotFound) {
		return domain.ErrProjectNotFound
	}
	return apperr.Wrap(err, apperr.KindUnavailable, domain.ErrProjectsUnavailable.Code, domain.ErrProjectsUnavailable.Message)
}
