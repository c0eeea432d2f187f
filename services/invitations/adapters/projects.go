package adapters

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"

	"github.com/taskrocket/taskrocket/services/invitations/app"
	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// Projects asks the projects service about memberships and adds members
// (app.Projects), over Dapr service invocation
// (contracts/projects_internal.go).
type Projects struct {
	projects daprx.Client
}

// NewProjects returns the client of the projects app appID.
func NewProjects(sidecar daprx.Invoker, appID string) *Projects {
	return &Projects{projects: daprx.Client{Sidecar: sidecar, AppID: appID}}
}

var _ app.Projects = (*Projects)(nil)

// Membership implements app.Projects.
func (p *Projects) Membership(ctx context.Context, projectID, userID string) (contracts.Membership, error) {
	method := fmt.Sprintf(contracts.ProjectsPathMembership, url.PathEscape(projectID), url.PathEscape(userID))
	var m contracts.Membership
	a, err := p.projects.Call(ctx, http.MethodGet, method, nil, &m)
	switch {
	case err != nil:
		return contracts.Membership{}, err
	case a.NotFound():
		return contracts.Membership{}, domain.ErrProjectNotFound
	case a.Status != http.StatusOK:
		return contracts.Membership{}, p.projects.Unexpected(method, a)
	}
	return m, p.checkMembership(m, method)
}

// AddMember implements app.Projects.
func (p *Projects) AddMember(ctx context.Context, projectID string, req contracts.AddMemberRequest) (contracts.Membership, error) {
	method := fmt.Sprintf(contracts.ProjectsPathAddMember, url.PathEscape(projectID))
	var m contracts.Membership
	a, err := p.projects.Call(ctx, http.MethodPost, method, req, &m)
	switch {
	case err != nil:
		return contracts.Membership{}, err
	case a.NotFound():
		return contracts.Membership{}, domain.ErrProjectNotFound
	case a.Status == http.StatusConflict: // the contract's only conflict
		return contracts.Membership{}, domain.ErrProjectArchived
	case a.Status != http.StatusOK && a.Status != http.StatusCreated:
		return contracts.Membership{}, p.projects.Unexpected(method, a)
	}
	return m, p.checkMembership(m, method)
}

// checkMembership refuses an answer that does not say who has which role.
func (p *Projects) checkMembership(m contracts.Membership, method string) error {
	if m.UserID == "" || (m.Role != contracts.RoleOwner && m.Role != contracts.RoleParticipant) {
		return fmt.Errorf("%s %s: answer without a member and role: %+v", p.projects.AppID, method, m)
	}
	return nil
}
