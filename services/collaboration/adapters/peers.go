package adapters

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/membership"
	"github.com/taskrocket/taskrocket/services/platform/peers"

	"github.com/taskrocket/taskrocket/services/collaboration/app"
	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// Projects answers about projects (app.Projects): memberships from the
// service's membership view (platform/membership: held in memory, kept
// current by the projects topic's events, asked of the projects service on
// a miss and before any refusal), member lists through the projects API as
// the caller, so that they see exactly the members they may see.
type Projects struct {
	c    daprx.Client
	view *membership.View
}

// NewProjects returns the client of the projects app appID, answering
// memberships from view.
func NewProjects(sidecar daprx.Invoker, appID string, view *membership.View) *Projects {
	return &Projects{c: daprx.Client{Sidecar: sidecar, AppID: appID}, view: view}
}

var _ app.Projects = (*Projects)(nil)

// Membership implements app.Projects.
func (p *Projects) Membership(ctx context.Context, projectID, userID string) (domain.Membership, error) {
	return standing(p.view.Membership(ctx, projectID, userID))
}

// Confirm implements app.Projects.
func (p *Projects) Confirm(ctx context.Context, projectID, userID string) (domain.Membership, error) {
	return standing(p.view.Confirm(ctx, projectID, userID))
}

func standing(m membership.Membership, err error) (domain.Membership, error) {
	switch {
	case errors.Is(err, membership.ErrNotFound):
		return domain.Membership{}, domain.ErrProjectNotFound
	case err != nil:
		return domain.Membership{}, unavailable(err, domain.ErrProjectsUnavailable)
	}
	return domain.Membership{ProjectID: m.ProjectID, UserID: m.UserID, Role: m.Role, Archived: m.Archived}, nil
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
