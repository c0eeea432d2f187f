package adapters

import (
	"context"
	"net/http"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"

	"github.com/taskrocket/taskrocket/services/notifications/app"
	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// Users asks the users service about an account (Dapr service
// invocation; the users app's access policy admits notifications).
type Users struct {
	users daprx.Client
}

// NewUsers returns the client of the users app appID.
func NewUsers(sidecar daprx.Invoker, appID string) *Users {
	return &Users{users: daprx.Client{Sidecar: sidecar, AppID: appID}}
}

var _ app.Users = (*Users)(nil)

// Profile implements app.Users. Ids are canonical UUIDs (checked by the
// ports), so they need no escaping.
func (u *Users) Profile(ctx context.Context, userID string) (domain.Profile, error) {
	var ref contracts.UserRef
	method := contracts.UsersPathByID + userID
	a, err := u.users.Call(ctx, http.MethodGet, method, nil, &ref)
	switch {
	case err != nil:
		return domain.Profile{}, err
	case a.NotFound():
		return domain.Profile{}, app.ErrNotFound
	case a.Status != http.StatusOK:
		return domain.Profile{}, u.users.Unexpected(method, a)
	}
	return domain.Profile{ID: ref.ID, Username: ref.Username, DisplayName: ref.DisplayName, Email: ref.Email,
		Timezone: ref.Timezone, Locale: ref.Locale}, nil
}
