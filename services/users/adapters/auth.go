package adapters

import (
	"context"
	"fmt"
	"net/http"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"

	"github.com/taskrocket/taskrocket/services/users/app"
)

// AuthSessions asks the auth service to mint and revoke logins
// (app.Sessions), over Dapr service invocation.
type AuthSessions struct {
	auth daprx.Client
}

// NewAuthSessions returns the client of the auth app appID.
func NewAuthSessions(sidecar daprx.Invoker, appID string) *AuthSessions {
	return &AuthSessions{auth: daprx.Client{Sidecar: sidecar, AppID: appID}}
}

var _ app.Sessions = (*AuthSessions)(nil)

// Mint implements app.Sessions.
func (a *AuthSessions) Mint(ctx context.Context, req contracts.MintSessionRequest) (contracts.TokenPair, error) {
	var pair contracts.TokenPair
	if err := a.call(ctx, contracts.AuthPathSessions, req, &pair); err != nil {
		return contracts.TokenPair{}, err
	}
	if pair.AccessToken == "" || pair.RefreshToken == "" {
		return contracts.TokenPair{}, fmt.Errorf("auth %s: answer without tokens", contracts.AuthPathSessions)
	}
	return pair, nil
}

// RevokeUserSessions implements app.Sessions.
func (a *AuthSessions) RevokeUserSessions(ctx context.Context, req contracts.RevokeUserSessionsRequest) error {
	return a.call(ctx, contracts.AuthPathRevokeUserSessions, req, nil)
}

func (a *AuthSessions) call(ctx context.Context, method string, in, out any) error {
	ans, err := a.auth.Call(ctx, http.MethodPost, method, in, out)
	if err != nil {
		return err
	}
	if ans.Status < 200 || ans.Status > 299 {
		return fmt.Errorf("auth %s: HTTP %d: %.200s", method, ans.Status, ans.Body)
	}
	return nil
}
