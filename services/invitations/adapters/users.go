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

// Users looks accounts up in the users service (app.Users), over Dapr
// service invocation.
type Users struct {
	sidecar Invoker
	appID   string
}

// NewUsers returns the client of the users app appID.
func NewUsers(sidecar Invoker, appID string) *Users {
	return &Users{sidecar: sidecar, appID: appID}
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
	a, err := call(ctx, u.sidecar, u.appID, http.MethodGet, method, nil, &ref)
	switch {
	case err != nil:
		return contracts.UserRef{}, err
	case a.notFound():
		return contracts.UserRef{}, domain.ErrUserNotFound
	case a.status != http.StatusOK:
		return contracts.UserRef{}, unexpected(u.appID, method, a)
	}
	if ref.ID == "" {
		return contracts.UserRef{}, fmt.Errorf("%s %s: answer without an account id", u.appID, method)
	}
	return ref, nil
}
