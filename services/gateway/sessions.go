package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
)

// sessionChecker refuses access tokens whose login has been revoked (log
// out, log out everywhere, password change, account deletion) before they
// expire. Revocations are remembered until the token would have expired;
// active answers are cached for positiveTTL (0: ask auth every time, so a
// revocation takes effect on the very next request).
type sessionChecker struct {
	sidecar     *daprx.Sidecar
	positiveTTL time.Duration

	mu      sync.Mutex
	revoked map[string]time.Time // session id -> forget after
	active  map[string]time.Time // session id -> cached until
}

func newSessionChecker(sidecar *daprx.Sidecar, positiveTTL time.Duration) *sessionChecker {
	return &sessionChecker{sidecar: sidecar, positiveTTL: positiveTTL,
		revoked: map[string]time.Time{}, active: map[string]time.Time{}}
}

var errSessionRevoked = apperr.Unauthenticated("session_revoked", "this login has been signed out; log in again")

// check returns nil when the session behind a token may be used.
func (s *sessionChecker) check(ctx context.Context, sessionID string, tokenExpiry time.Time) error {
	if sessionID == "" {
		return errSessionRevoked
	}
	now := time.Now()
	if s.cached(sessionID, now) {
		return nil
	}
	if s.isRevoked(sessionID, now) {
		return errSessionRevoked
	}
	active, err := s.ask(ctx, sessionID)
	if err != nil {
		return apperr.Wrap(err, apperr.KindUnavailable, "auth_unavailable", "sign-in state cannot be checked right now; try again shortly")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(now)
	if !active {
		s.revoked[sessionID] = tokenExpiry
		return errSessionRevoked
	}
	if s.positiveTTL > 0 {
		s.active[sessionID] = now.Add(s.positiveTTL)
	}
	return nil
}

func (s *sessionChecker) cached(id string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	until, ok := s.active[id]
	return ok && now.Before(until)
}

func (s *sessionChecker) isRevoked(id string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	until, ok := s.revoked[id]
	return ok && now.Before(until)
}

// sweep drops expired entries; called with mu held.
func (s *sessionChecker) sweep(now time.Time) {
	if len(s.revoked)+len(s.active) < 10000 {
		return
	}
	for id, t := range s.revoked {
		if now.After(t) {
			delete(s.revoked, id)
		}
	}
	for id, t := range s.active {
		if now.After(t) {
			delete(s.active, id)
		}
	}
}

func (s *sessionChecker) ask(ctx context.Context, sessionID string) (bool, error) {
	resp, err := s.sidecar.Invoke(ctx, http.MethodGet, contracts.AppAuth,
		contracts.AuthPathSessionActive+url.PathEscape(sessionID), nil, nil)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusNotFound:
		return false, nil
	case http.StatusOK:
		var st contracts.SessionState
		if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&st); err != nil {
			return false, fmt.Errorf("decode session state: %w", err)
		}
		return st.Active, nil
	default:
		return false, fmt.Errorf("session check: HTTP %d", resp.StatusCode)
	}
}
