package adapters

import (
	"context"
	"fmt"
	"net/http"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"

	"github.com/taskrocket/taskrocket/services/projects/app"
	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// Users asks the users service whether accounts exist (app.Users), over
// Dapr service invocation; users' access policy must admit this app.
type Users struct {
	users daprx.Client
}

// NewUsers returns the client of the users app appID.
func NewUsers(sidecar daprx.Invoker, appID string) *Users {
	return &Users{users: daprx.Client{Sidecar: sidecar, AppID: appID}}
}

var _ app.Users = (*Users)(nil)

// Exists implements app.Users: 200 is a live account, 404 none; anything
// else (the service or the policy refusing) is domain.ErrUsersUnavailable.
func (u *Users) Exists(ctx context.Context, userID string) (bool, error) {
	a, err := u.users.Call(ctx, http.MethodGet, contracts.UsersPathByID+userID, nil, nil)
	if err != nil {
		return false, fmt.Errorf("%w: %w", domain.ErrUsersUnavailable, err)
	}
	switch a.Status {
	case http.StatusOK:
		return true, nil
	case http.StatusNotFound:
		return false, nil
	}
	return false, fmt.Errorf("%w: users %s: HTTP %d", domain.ErrUsersUnavailable, contracts.UsersPathByID, a.Status)
}
