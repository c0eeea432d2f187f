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

// Users looks accounts up in the users service (app.Users), over Dapr
// service invocation.
type Users struct {
	users daprx.Client
}

// NewUsers returns the client of the users app appID.
func NewUsers(sidecar daprx.Invoker, appID string) *Users {
	return &Users{users: daprx.Client{Sidecar: sidecar, AppID: appID}}
}

var _ app.Users = (*Users)(nil)

// ByUsername implements app.Users.
func (u *Users) ByUsername(ctx context.Context, username string) (contracts.UserRef, error) {
	return u.lookup(ctx, contracts.UsersPathByUsername+url.PathEscape(username))
}

// ByEmail implements app.Users.
func (u *Users) ByEmail(ctx context.Context, email string) (contracts.UserRef, error) {
	return u.lookup(ctx, contracts.UsersPathByEmail+url.PathEscape(email))
}

// ByID implements app.Users.
func (u *Users) ByID(ctx context.Context, id string) (contracts.UserRef, error) {
	return u.lookup(ctx, contracts.UsersPathByID+url.PathEscape(id))
}

func (u *Users) lookup(ctx context.Context, method string) (contracts.UserRef, error) {
	var ref contracts.UserRef
	a, err := u.users.Call(ctx, http.MethodGet, method, nil, &ref)
	switch {
	case err != nil:
		return contracts.UserRef{}, err
	case a.NotFound():
		return contracts.UserRef{}, domain.ErrUserNotFound
	case a.Status != http.StatusOK:
		return contracts.UserRef{}, u.users.Unexpected(method, a)
	}
	if ref.ID == "" {
		return contracts.UserRef{}, fmt.Errorf("%s %s: answer without an account id", u.users.AppID, method)
	}
	return ref, nil
}
