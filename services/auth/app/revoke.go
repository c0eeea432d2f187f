package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/taskrocket/taskrocket/services/auth/domain"
)

// Logout signs out the caller's own login. Signing out a login that is
// already signed out succeeds.
func (a *Application) Logout(ctx context.Context, c Caller) error {
	if c.SessionID == "" {
		return nil
	}
	if err := a.revokeSession(ctx, c.SessionID, c.UserID, domain.ReasonLogout); err != nil && !errors.Is(err, domain.ErrSessionNotFound) {
		return err
	}
	return nil
}

// LogoutAll signs out every login of the caller, this one included.
func (a *Application) LogoutAll(ctx context.Context, c Caller) error {
	return a.RevokeUser(ctx, c.UserID, "", domain.ReasonLogoutEverywhere)
}

// DeleteSession signs out one of the caller's logins. Sessions of other
// users are reported as not found, never as forbidden.
func (a *Application) DeleteSession(ctx context.Context, c Caller, sessionID string) error {
	return a.revokeSession(ctx, sessionID, c.UserID, domain.ReasonSessionDeleted)
}

// RevokeUser signs out every login of a user except keep (the login that
// changed the password, for example), and announces that every login of
// the user begun until now, but keep, is signed out. Revocation is
// idempotent, so a caller that saw an error simply calls again.
func (a *Application) RevokeUser(ctx context.Context, userID, keep, reason string) error {
	sessions, err := a.sessions.UserSessions(ctx, userID)
	if err != nil {
		return errStore("list sessions", err)
	}
	var ids []string
	for _, s := range sessions {
		if s.ID != keep && !s.Revoked() {
			ids = append(ids, s.ID)
		}
	}
	r, err := a.newRevocation("", userID, keep, reason, ids)
	if err != nil {
		return err
	}
	if err := a.sessions.AddPending(ctx, r); err != nil {
		return errStore("record revocation", err)
	}
	if err := a.apply(ctx, r); err != nil {
		return err // still pending: completed and announced in the background
	}
	a.log.InfoContext(ctx, "sessions revoked", "user_id", userID, "count", len(ids), "reason", reason)
	a.announce(ctx, r)
	return nil
}

// revokeSession signs out session id if it belongs to owner, and
// announces it; a session already signed out was announced then.
func (a *Application) revokeSession(ctx context.Context, id, owner, reason string) error {
	s, _, err := a.ownSession(ctx, id, owner)
	if err != nil || s.Revoked() {
		return err
	}
	r, err := a.newRevocation(id, owner, "", reason, nil)
	if err != nil {
		return err
	}
	if err := a.sessions.AddPending(ctx, r); err != nil {
		return errStore("record revocation", err)
	}
	if err := a.revoke(ctx, id, owner, reason); err != nil {
		if errors.Is(err, domain.ErrSessionNotFound) {
			_ = a.sessions.RemovePending(ctx, r.ID) // gone meanwhile: nothing to announce
		}
		return err
	}
	a.announce(ctx, r)
	return nil
}

// revoke signs out session id if it belongs to owner; a session that is
// already signed out keeps its first reason.
func (a *Application) revoke(ctx context.Context, id, owner, reason string) error {
	for range maxAttempts {
		s, v, err := a.ownSession(ctx, id, owner)
		if err != nil || s.Revoked() {
			return err
		}
		err = a.sessions.UpdateSession(ctx, s.Revoke(reason, a.now()), v)
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return errStore("revoke session", err)
		}
		return nil
	}
	return errStore("revoke session", fmt.Errorf("session %s: %w", id, ErrConflict))
}

// ownSession loads session id of owner; another user's session is not
// found, like a missing one.
func (a *Application) ownSession(ctx context.Context, id, owner string) (domain.Session, Version, error) {
	s, v, err := a.sessions.Session(ctx, id)
	switch {
	case errors.Is(err, ErrNotFound):
		return domain.Session{}, "", domain.ErrSessionNotFound
	case err != nil:
		return domain.Session{}, "", errStore("load session", err)
	case s.UserID != owner:
		return domain.Session{}, "", domain.ErrSessionNotFound
	}
	return s, v, nil
}
