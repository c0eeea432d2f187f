package membership

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
)

// Source answers what the view does not hold: the projects service's
// internal contract (contracts/projects_internal.go).
type Source interface {
	// ProjectMembers returns a project's whole membership, or ErrNotFound.
	ProjectMembers(ctx context.Context, projectID string) (contracts.ProjectMembers, error)
	// UserProjects returns every project a user belongs to, or ErrNotFound
	// for an id that cannot name a user.
	UserProjects(ctx context.Context, userID string) (contracts.UserProjects, error)
}

// NewSource is the projects app appID, called through the sidecar.
func NewSource(sidecar daprx.Invoker, appID string) Source {
	return sidecarSource{c: daprx.Client{Sidecar: sidecar, AppID: appID}}
}

type sidecarSource struct {
	c daprx.Client
}

func (s sidecarSource) ProjectMembers(ctx context.Context, projectID string) (contracts.ProjectMembers, error) {
	var pm contracts.ProjectMembers
	err := s.get(ctx, fmt.Sprintf(contracts.ProjectsPathMembers, url.PathEscape(projectID)), &pm)
	if err == nil && pm.ProjectID != projectID {
		err = fmt.Errorf("%s: answered about project %q", s.c.AppID, pm.ProjectID)
	}
	return pm, err
}

func (s sidecarSource) UserProjects(ctx context.Context, userID string) (contracts.UserProjects, error) {
	var up contracts.UserProjects
	err := s.get(ctx, fmt.Sprintf(contracts.ProjectsPathUserProjects, url.PathEscape(userID)), &up)
	return up, err
}

func (s sidecarSource) get(ctx context.Context, method string, out any) error {
	a, err := s.c.Call(ctx, http.MethodGet, method, nil, out)
	switch {
	case err != nil:
		return err
	case a.NotFound():
		return ErrNotFound
	case a.Status != http.StatusOK:
		return s.c.Unexpected(method, a)
	}
	return nil
}
