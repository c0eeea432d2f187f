package app

import (
	"cmp"
	"context"
	"errors"
	"slices"

	"github.com/taskrocket/taskrocket/services/auth/domain"
)

// SessionView is one of the caller's active logins.
type SessionView struct {
	domain.Session
	Current bool // the login of the token that asked
}

// Sessions lists the caller's active logins, newest first.
func (a *Application) Sessions(ctx context.Context, c Caller) ([]SessionView, error) {
	all, err := a.sessions.UserSessions(ctx, c.UserID)
	if err != nil {
		return nil, errStore("list sessions", err)
	}
	now := a.now()
	views := []SessionView{}
	for _, s := range all {
		if s.UserID == c.UserID && s.Active(now) {
			views = append(views, SessionView{Session: s, Current: s.ID == c.SessionID})
		}
	}
	slices.SortFunc(views, func(x, y SessionView) int {
		if c := y.CreatedAt.Compare(x.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	return views, nil
}

// SessionStatus is what other services learn about a login.
type SessionStatus struct {
	domain.Session
	Active bool
}

// SessionState reports whether a login may still be used; unknown and
// long-expired logins are domain.ErrSessionNotFound.
func (a *Application) SessionState(ctx context.Context, id string) (SessionStatus, error) {
	s, _, err := a.sessions.Session(ctx, id)
	switch {
	case errors.Is(err, ErrNotFound):
		return SessionStatus{}, domain.ErrSessionNotFound
	case err != nil:
		return SessionStatus{}, errStore("load session", err)
	}
	return SessionStatus{Session: s, Active: s.Active(a.now())}, nil
}

// RequireActive refuses callers whose login has been signed out, even
// while their access token has not expired yet.
func (a *Application) RequireActive(ctx context.Context, c Caller) error {
	st, err := a.SessionState(ctx, c.SessionID)
	switch {
	case errors.Is(err, domain.ErrSessionNotFound):
		return domain.ErrSessionRevoked
	case err != nil:
		return err
	case !st.Active || st.UserID != c.UserID:
		return domain.ErrSessionRevoked
	}
	return nil
}
