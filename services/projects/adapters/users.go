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

// Users asks the users service for the names of accounts (app.Users),
// over Dapr service invocation; users' access policy must admit this app.
type Users struct {
	users daprx.Client
}

// NewUsers returns the client of the users app appID.
func NewUsers(sidecar daprx.Invoker, appID string) *Users {
	return &Users{users: daprx.Client{Sidecar: sidecar, AppID: appID}}
}

var _ app.Users = (*Users)(nil)

// Names implements app.Users with one lookup per contracts.UsersLookupMax
// ids (none for no ids). Any answer but 200 (the service or the policy
// refusing, a version without the lookup) is domain.ErrUsersUnavailable.
func (u *Users) Names(ctx context.Context, userIDs []string) (map[string]domain.Person, error) {
	out := make(map[string]domain.Person, len(userIDs))
	for start := 0; start < len(userIDs); start += contracts.UsersLookupMax {
		req := contracts.UsersLookupRequest{IDs: userIDs[start:min(start+contracts.UsersLookupMax, len(userIDs))]}
		var found contracts.UsersLookup
		a, err := u.users.Call(ctx, http.MethodPost, contracts.UsersPathLookup, req, &found)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", domain.ErrUsersUnavailable, err)
		}
		if a.Status != http.StatusOK {
			return nil, fmt.Errorf("%w: %w", domain.ErrUsersUnavailable, u.users.Unexpected(contracts.UsersPathLookup, a))
		}
		for _, n := range found.Users {
			out[n.ID] = domain.Person{Username: n.Username, DisplayName: n.DisplayName}
		}
	}
	return out, nil
}
