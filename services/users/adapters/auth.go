package adapters

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/users/app"
)

// Invoker calls another app through the Dapr sidecar (daprx.Sidecar).
type Invoker interface {
	Invoke(ctx context.Context, verb, appID, method string, body io.Reader, header http.Header) (*http.Response, error)
}

// AuthSessions asks the auth service to mint and revoke logins
// (app.Sessions), over Dapr service invocation.
type AuthSessions struct {
	sidecar Invoker
	appID   string
}

// NewAuthSessions returns the client of the auth app appID.
func NewAuthSessions(sidecar Invoker, appID string) *AuthSessions {
	return &AuthSessions{sidecar: sidecar, appID: appID}
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
	body, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("auth %s: %w", method, err)
	}
	resp, err := a.sidecar.Invoke(ctx, http.MethodPost, a.appID, method, bytes.NewReader(body),
		http.Header{"Content-Type": {"application/json"}})
	if err != nil {
		return fmt.Errorf("auth %s: %w", method, err)
	}
	defer resp.Body.Close()
	payload, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("auth %s: read answer: %w", method, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("auth %s: HTTP %d: %.200s", method, resp.StatusCode, payload)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(payload, out); err != nil {
		return fmt.Errorf("auth %s: decode answer: %w", method, err)
	}
	return nil
}
