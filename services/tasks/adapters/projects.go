package adapters

import (
	"context"
	"fmt"
	"net/http"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/daprx"

	"github.com/taskrocket/taskrocket/services/tasks/app"
	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// Projects asks the projects service about memberships (app.Projects)
// over Dapr service invocation, on every call: answers are never cached,
// so a member who is removed loses access with the next request.
type Projects struct {
	projects daprx.Client
}

// NewProjects returns the client of the projects app appID.
func NewProjects(sidecar daprx.Invoker, appID string) *Projects {
	return &Projects{projects: daprx.Client{Sidecar: sidecar, AppID: appID}}
}

var _ app.Projects = (*Projects)(nil)

// Membership implements app.Projects. Ids are canonical UUIDs (checked by
// the caller), so they need no escaping in the path.
func (p *Projects) Membership(ctx context.Context, projectID, userID string) (domain.Membership, error) {
	var m contracts.Membership
	if err := p.get(ctx, fmt.Sprintf(contracts.ProjectsPathMembership, projectID, userID), &m); err != nil {
		return domain.Membership{}, err
	}
	return domain.Membership{ProjectID: projectID, UserID: userID, Role: role(m.Role), Archived: m.Archived}, nil
}

// UserProjects implements app.Projects.
func (p *Projects) UserProjects(ctx context.Context, userID string) ([]string, error) {
	var up contracts.UserProjects
	if err := p.get(ctx, fmt.Sprintf(contracts.ProjectsPathUserProjects, userID), &up); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(up.Projects))
	for _, m := range up.Projects {
		if id, ok := domain.ParseID(m.ProjectID); ok {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// role maps the contract's role names to the domain's; an unknown role is
// kept as it is (it may read, not write).
func role(r string) string {
	switch r {
	case contracts.RoleOwner:
		return domain.RoleOwner
	case contracts.RoleParticipant:
		return domain.RoleParticipant
	}
	return r
}

func (p *Projects) get(ctx context.Context, method string, out any) error {
	a, err := p.projects.Call(ctx, http.MethodGet, method, nil, out)
	switch {
	case err != nil:
		return unavailable(err)
	case a.NotFound():
		return domain.ErrProjectNotFound
	case a.Status != http.StatusOK:
		return unavailable(p.projects.Unexpected(method, a))
	}
	return nil
}

func unavailable(cause error) error {
	return apperr.Wrap(cause, apperr.KindUnavailable, domain.ErrProjectsUnavailable.Code, domain.ErrProjectsUnavailable.Message)
}
