package adapters

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/invitations/app"
	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// Projects asks the projects service about memberships and adds members
// (app.Projects), over Dapr service invocation
// (contracts/projects_internal.go).
type Projects struct {
	sidecar Invoker
	appID   string
}

// NewProjects returns the client of the projects app appID.
func NewProjects(sidecar Invoker, appID string) *Projects {
	return &Projects{sidecar: sidecar, appID: appID}
}

var _ app.Projects = (*Projects)(nil)

// Membership implements app.Projects.
func (p *Projects) Membership(ctx context.Context, projectID, userID string) (contracts.Membership, error) {
	method := fmt.Sprintf(contracts.ProjectsPathMembership, url.PathEscape(projectID), url.PathEscape(userID))
	var m contracts.Membership
	a, err := call(ctx, p.sidecar, p.appID, http.MethodGet, method, nil, &m)
	switch {
	case err != nil:
		return contracts.Membership{}, err
	case a.notFound():
		return contracts.Membership{}, domain.ErrProjectNotFound
	case a.status != http.StatusOK:
		return contracts.Membership{}, unexpected(p.appID, method, a)
	}
	return m, checkMembership(m, p.appID, method)
}

// AddMember implements app.Projects.
func (p *Projects) AddMember(ctx context.Context, projectID string, req contracts.AddMemberRequest) (contracts.Membership, error) {
	method := fmt.Sprintf(contracts.ProjectsPathAddMember, url.PathEscape(projectID))
	var m contracts.Membership
	a, err := call(ctx, p.sidecar, p.appID, http.MethodPost, method, req, &m)
	switch {
	case err != nil:
		return contracts.Membership{}, err
	case a.notFound():
		return contracts.Membership{}, domain.ErrProjectNotFound
	case a.status == http.StatusConflict: // the contract's only conflict
		return contracts.Membership{}, domain.ErrProjectArchived
	case a.status != http.StatusOK && a.status != http.StatusCreated:
		return contracts.Membership{}, unexpected(p.appID, method, a)
	}
	return m, checkMembership(m, p.appID, method)
}

// checkMembership refuses an answer that does not say who has which role.
func checkMembership(m contracts.Membership, appID, method string) error {
	if m.UserID == "" || (m.Role != contracts.RoleOwner && m.Role != contracts.RoleParticipant) {
		return fmt.Errorf("%s %s: answer without a member and role: %+v", appID, method, m)
	}
	return nil
}
