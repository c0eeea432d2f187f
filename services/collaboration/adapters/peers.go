package adapters

import (
	"context"
	"net/http"
	"net/url"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/peers"

	"github.com/taskrocket/taskrocket/services/collaboration/app"
	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// Projects asks the projects service (app.Projects): memberships through
// its internal contract, never cached, so a removed member loses access
// with the next request; member lists through its public API as the
// caller, so that they see exactly the members they may see.
type Projects struct {
	c daprx.Client
}

// NewProjects returns the client of the projects app appID.
func NewProjects(sidecar daprx.Invoker, appID string) *Projects {
	return &Projects{c: daprx.Client{Sidecar: sidecar, AppID: appID}}
}

var _ app.Projects = (*Projects)(nil)

// Membership implements app.Projects.
func (p *Projects) Membership(ctx context.Context, projectID, userID string) (domain.Membership, error) {
	m, found, err := peers.Projects{C: p.c}.Membership(ctx, projectID, userID)
	switch {
	case err != nil:
		return domain.Membership{}, unavailable(err, domain.ErrProjectsUnavailable)
	case !found:
		return domain.Membership{}, domain.ErrProjectNotFound
	}
	return domain.Membership{ProjectID: projectID, UserID: userID, Role: m.Role, Archived: m.Archived}, nil
}

// Members implements app.Projects: every page of the member list.
func (p *Projects) Members(ctx context.Context, caller app.Caller, projectID string) ([]app.Member, error) {
	var out []app.Member
	cursor := ""
	for range 100 {
		q := url.Values{"limit": {"200"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		method := "api/v1/projects/" + projectID + "/members?" + q.Encode()
		var page struct {
			Items []struct {
				UserID      string  `json:"userId"`
				Username    *string `json:"username"`
				DisplayName *string `json:"displayName"`
			} `json:"items"`
			NextCursor string `json:"nextCursor"`
		}
		a, err := p.c.CallAs(ctx, caller.Authorization, http.MethodGet, method, nil, &page)
		if err := answer(p.c, method, a, err, domain.ErrProjectNotFound, domain.ErrProjectsUnavailable); err != nil {
			return nil, err
		}
		for _, it := range page.Items {
			if it.Username == nil {
				continue // a deleted account
			}
			m := app.Member{UserID: it.UserID, Username: *it.Username}
			if it.DisplayName != nil {
				m.DisplayName = *it.DisplayName
			}
			out = append(out, m)
		}
		if page.NextCursor == "" {
			return out, nil
		}
		cursor = page.NextCursor
	}
	return out, nil
}

// Tasks asks the tasks service about tasks, as the caller (app.Tasks).
type Tasks struct {
	c daprx.Client
}

// NewTasks returns the client of the tasks app appID.
func NewTasks(sidecar daprx.Invoker, appID string) *Tasks {
	return &Tasks{c: daprx.Client{Sidecar: sidecar, AppID: appID}}
}

// TaskProject implements app.Tasks.
func (t *Tasks) TaskProject(ctx context.Context, caller app.Caller, taskID string) (string, error) {
	pid, found, err := peers.Tasks{C: t.c}.TaskProject(ctx, caller.Authorization, taskID)
	switch {
	case err != nil:
		return "", unavailable(err, domain.ErrTasksUnavailable)
	case !found:
		return "", domain.ErrTaskNotFound
	}
	return pid, nil
}

// Users names accounts through the users service's internal lookup.
type Users struct {
	c daprx.Client
}

// NewUsers returns the client of the users app appID.
func NewUsers(sidecar daprx.Invoker, appID string) *Users {
	return &Users{c: daprx.Client{Sidecar: sidecar, AppID: appID}}
}

// Lookup implements app.Users, in batches of the contract's maximum.
func (u *Users) Lookup(ctx context.Context, ids []string) (map[string]app.UserName, error) {
	out := make(map[string]app.UserName, len(ids))
	for start := 0; start < len(ids); start += contracts.UsersLookupMax {
		batch := ids[start:min(len(ids), start+contracts.UsersLookupMax)]
		var res contracts.UsersLookup
		a, err := u.c.Call(ctx, http.MethodPost, contracts.UsersPathLookup, contracts.UsersLookupRequest{IDs: batch}, &res)
		if err := answer(u.c, contracts.UsersPathLookup, a, err, domain.ErrUsersUnavailable, domain.ErrUsersUnavailable); err != nil {
			return nil, err
		}
		for _, n := range res.Users {
			out[n.ID] = app.UserName{Username: n.Username, DisplayName: n.DisplayName}
		}
	}
	return out, nil
}

// answer maps another app's answer: 2xx is nil, a 404 naming a missing
// thing is notFound, and anything else is down.
func answer(c daprx.Client, method string, a daprx.Answer, err error, notFound, down *apperr.Error) error {
	found, err := peers.Read(c, method, a, err)
	switch {
	case err != nil:
		return unavailable(err, down)
	case !found:
		return notFound
	}
	return nil
}

func unavailable(cause error, down *apperr.Error) error {
	return apperr.Wrap(cause, down.Kind, down.Code, down.Message)
}
