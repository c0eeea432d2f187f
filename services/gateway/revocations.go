package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/events"
)

// routeSessionEvents is where the sidecar delivers the sessions topic
// (components/subscriptions/gateway.yaml, on pubsub-views: every gateway
// instance gets every revocation).
const routeSessionEvents = "/events/views/sessions"

// askAuth returns the session view's question to auth: whether a login
// may still be used (GET internal/sessions/{id}; 404: unknown or long
// expired, found is false).
func askAuth(sidecar daprx.Invoker, authAppID string) func(context.Context, string) (contracts.SessionState, bool, error) {
	c := daprx.Client{Sidecar: sidecar, AppID: authAppID}
	return func(ctx context.Context, sessionID string) (contracts.SessionState, bool, error) {
		var st contracts.SessionState
		method := contracts.AuthPathSessionActive + url.PathEscape(sessionID)
		a, err := c.Call(ctx, http.MethodGet, method, nil, &st)
		switch {
		case err != nil:
			return st, false, err
		case a.NotFound():
			return st, false, nil
		case a.Status != http.StatusOK:
			return st, false, c.Unexpected(method, a)
		}
		return st, true, nil
	}
}

// handle applies one event of the sessions topic.
func (v *sessionView) handle(_ context.Context, ev events.Event) error {
	switch ev.Type {
	case contracts.EventSessionRevoked:
		var p contracts.SessionRevoked
		if err := ev.Decode(&p); err != nil {
			return errors.Join(daprx.ErrDrop, err)
		}
		if p.SessionID == "" || p.TokensExpireBy.IsZero() {
			return fmt.Errorf("%w: %s without sessionId or tokensExpireBy", daprx.ErrDrop, ev.Type)
		}
		v.mu.Lock()
		v.revoke(p.SessionID, p.UserID, p.TokensExpireBy)
		v.mu.Unlock()
	case contracts.EventUserSessionsRevoked:
		var p contracts.UserSessionsRevoked
		if err := ev.Decode(&p); err != nil {
			return errors.Join(daprx.ErrDrop, err)
		}
		if p.UserID == "" || p.RevokedBefore.IsZero() || p.TokensExpireBy.IsZero() {
			return fmt.Errorf("%w: %s without userId, revokedBefore or tokensExpireBy", daprx.ErrDrop, ev.Type)
		}
		v.mu.Lock()
		for _, id := range p.SessionIDs {
			v.revoke(id, p.UserID, p.TokensExpireBy)
		}
		v.revokeUser(p.UserID, p.RevokedBefore, p.ExceptSessionID, p.TokensExpireBy)
		v.mu.Unlock()
	}
	return nil // other types of the topic concern others
}

// A sign-out forwarded by this gateway is applied here as soon as the
// service answers it, before the answer reaches the client: the client's
// next request through this gateway is refused whatever the events do.

// signOut is what a successful answer to a route means for the caller's
// logins.
type signOut int

const (
	noSignOut         signOut = iota
	signOutOwnLogin           // log out
	signOutNamedLogin         // delete one of the caller's logins (last path segment)
	signOutUser               // log out everywhere, delete the account
	signOutUserButOwn         // a password change keeps the login that made it
)

// signOutRoutes are the routes whose success signs logins out.
var signOutRoutes = []struct {
	method, path string // path: exact, or a prefix ending in "/"
	kind         signOut
}{
	{http.MethodPost, "/api/v1/auth/logout", signOutOwnLogin},
	{http.MethodDelete, "/api/v1/auth/sessions/", signOutNamedLogin},
	{http.MethodPost, "/api/v1/auth/logout-all", signOutUser},
	{http.MethodDelete, "/api/v1/me", signOutUser},
	{http.MethodPost, "/api/v1/me/password", signOutUserButOwn},
}

func signOutOf(method, path string) signOut {
	for _, r := range signOutRoutes {
		if r.method == method && (path == r.path || (strings.HasSuffix(r.path, "/") && strings.HasPrefix(path, r.path))) {
			return r.kind
		}
	}
	return noSignOut
}

// signedOut applies a sign-out this gateway forwarded and the service
// accepted; began is when the gateway received the request.
func (v *sessionView) signedOut(kind signOut, path, userID, sessionID string, began time.Time) {
	forgetAt := v.opts.Now().Add(contracts.MaxAccessTokenLifetime)
	v.mu.Lock()
	defer v.mu.Unlock()
	switch kind {
	case signOutOwnLogin:
		v.revoke(sessionID, userID, forgetAt)
	case signOutNamedLogin:
		if id, err := url.PathUnescape(path[strings.LastIndex(path, "/")+1:]); err == nil && id != "" {
			v.revoke(id, userID, forgetAt)
		}
	case signOutUser:
		v.revokeUser(userID, began, "", forgetAt)
	case signOutUserButOwn:
		v.revokeUser(userID, began, sessionID, forgetAt)
	}
}
