package adapters

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"

	"github.com/taskrocket/taskrocket/services/tasks/app"
	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// Invoker calls another app through the Dapr sidecar (daprx.Sidecar).
type Invoker interface {
	Invoke(ctx context.Context, verb, appID, method string, body io.Reader, header http.Header) (*http.Response, error)
}

// Projects asks the projects service about memberships (app.Projects)
// over Dapr service invocation, on every call: answers are never cached,
// so a member who is removed loses access with the next request.
type Projects struct {
	sidecar Invoker
	appID   string
}

// NewProjects returns the client of the projects app appID.
func NewProjects(sidecar Invoker, appID string) *Projects {
	return &Projects{sidecar: sidecar, appID: appID}
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
	resp, err := p.sidecar.Invoke(ctx, http.MethodGet, p.appID, method, nil, nil)
	if err != nil {
		return unavailable(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	switch {
	case err != nil:
		return unavailable(fmt.Errorf("projects %s: read answer: %w", method, err))
	case resp.StatusCode == http.StatusNotFound && !isRouteNotFound(body):
		return domain.ErrProjectNotFound
	case resp.StatusCode != http.StatusOK:
		return unavailable(fmt.Errorf("projects %s: HTTP %d: %.200s", method, resp.StatusCode, body))
	}
	if err := json.Unmarshal(body, out); err != nil {
		return unavailable(fmt.Errorf("projects %s: decode answer: %w", method, err))
	}
	return nil
}

// isRouteNotFound tells a 404 for a path the projects service does not
// serve (a deployment mismatch, not an answer) from "no such membership".
func isRouteNotFound(body []byte) bool {
	var e struct {
		Error struct{ Code string } `json:"error"`
	}
	return json.Unmarshal(body, &e) == nil && e.Error.Code == "route_not_found"
}

func unavailable(cause error) error {
	return apperr.Wrap(cause, apperr.KindUnavailable, domain.ErrProjectsUnavailable.Code, domain.ErrProjectsUnavailable.Message)
}
