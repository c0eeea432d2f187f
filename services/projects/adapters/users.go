package adapters

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/projects/app"
	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// Invoker calls another app through the Dapr sidecar (daprx.Sidecar).
type Invoker interface {
	Invoke(ctx context.Context, verb, appID, method string, body io.Reader, header http.Header) (*http.Response, error)
}

// Users asks the users service whether accounts exist (app.Users), over
// Dapr service invocation; users' access policy must admit this app.
type Users struct {
	sidecar Invoker
	appID   string
}

// NewUsers returns the client of the users app appID.
func NewUsers(sidecar Invoker, appID string) *Users {
	return &Users{sidecar: sidecar, appID: appID}
}

var _ app.Users = (*Users)(nil)

// Exists implements app.Users: 200 is a live account, 404 none; anything
// else (the service or the policy refusing) is domain.ErrUsersUnavailable.
func (u *Users) Exists(ctx context.Context, userID string) (bool, error) {
	resp, err := u.sidecar.Invoke(ctx, http.MethodGet, u.appID, contracts.UsersPathByID+userID, nil, nil)
	if err != nil {
		return false, fmt.Errorf("%w: %w", domain.ErrUsersUnavailable, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	switch resp.StatusCode {
	case http.StatusOK:
		return true, nil
	case http.StatusNotFound:
		return false, nil
	}
	return false, fmt.Errorf("%w: users %s: HTTP %d", domain.ErrUsersUnavailable, contracts.UsersPathByID, resp.StatusCode)
}
