package domain

import (
	"time"
	"unicode/utf8"
)

// Revocation reasons recorded on a session.
const (
	ReasonLogout           = "logout"
	ReasonLogoutEverywhere = "logout_everywhere"
	ReasonSessionDeleted   = "session_deleted"
	ReasonPasswordChanged  = "password_changed"
	ReasonAccountDeleted   = "account_deleted"
	ReasonRefreshReused    = "refresh_token_reused"
)

// ParseRevocationReason accepts the reasons another service may give when
// it revokes a user's sessions.
func ParseRevocationReason(reason string) (string, error) {
	switch reason {
	case ReasonPasswordChanged, ReasonAccountDeleted, ReasonLogoutEverywhere:
		return reason, nil
	default:
		return "", ErrInvalidReason
	}
}

// Limits on client-supplied descriptions, which are shown back to users.
const (
	maxUserAgentBytes = 512
	maxClientIPBytes  = 64
)

// Session is one login: a refresh-token family. Access tokens carry its id
// as "sid"; revoking it ends every token of the login.
type Session struct {
	ID         string
	UserID     string
	Username   string
	UserAgent  string
	ClientIP   string
	CreatedAt  time.Time
	LastUsedAt time.Time
	// ExpiresAt slides with every rotation (the current refresh token's
	// expiry) and never passes AbsoluteExpiresAt.
	ExpiresAt         time.Time
	AbsoluteExpiresAt time.Time
	// CurrentTokenHash is the only refresh token of the family that may be
	// exchanged; every other one of the family is spent.
	CurrentTokenHash string
	RevokedAt        time.Time
	RevokeReason     string
}

// Login describes who logs in and from where.
type Login struct {
	UserID    string
	Username  string
	UserAgent string
	ClientIP  string
}

// NewSession starts a login whose first refresh token has tokenHash.
func NewSession(id string, login Login, tokenHash string, now time.Time, lt Lifetimes) (Session, RefreshToken) {
	s := Session{
		ID:                id,
		UserID:            login.UserID,
		Username:          login.Username,
		UserAgent:         truncate(login.UserAgent, maxUserAgentBytes),
		ClientIP:          truncate(login.ClientIP, maxClientIPBytes),
		CreatedAt:         now,
		AbsoluteExpiresAt: now.Add(lt.Session),
	}
	return s.withToken(tokenHash, now, lt)
}

// Revoked reports whether the session has been signed out.
func (s Session) Revoked() bool { return !s.RevokedAt.IsZero() }

// Active reports whether tokens of the session may still be used.
func (s Session) Active(now time.Time) bool {
	return !s.Revoked() && now.Before(s.ExpiresAt)
}

// CheckExchange decides whether tok may be exchanged for new tokens now.
// A token that is spent, or not the family's current one, is reuse: the
// caller must revoke the session.
func (s Session) CheckExchange(tok RefreshToken, now time.Time) error {
	switch {
	case s.Revoked():
		return ErrSessionRevoked
	case tok.Expired(now) || !now.Before(s.ExpiresAt):
		return ErrRefreshInvalid
	case tok.Spent || tok.Hash != s.CurrentTokenHash:
		return ErrRefreshReused
	}
	return nil
}

// Rotate makes newHash the family's current refresh token.
func (s Session) Rotate(newHash string, now time.Time, lt Lifetimes) (Session, RefreshToken) {
	return s.withToken(newHash, now, lt)
}

func (s Session) withToken(hash string, now time.Time, lt Lifetimes) (Session, RefreshToken) {
	s.LastUsedAt = now
	s.ExpiresAt = now.Add(lt.Refresh)
	if s.ExpiresAt.After(s.AbsoluteExpiresAt) {
		s.ExpiresAt = s.AbsoluteExpiresAt
	}
	s.CurrentTokenHash = hash
	return s, RefreshToken{Hash: hash, SessionID: s.ID, UserID: s.UserID, ExpiresAt: s.ExpiresAt}
}

// Revoke signs the session out; revoking twice keeps the first reason.
func (s Session) Revoke(reason string, now time.Time) Session {
	if s.Revoked() {
		return s
	}
	s.RevokedAt, s.RevokeReason = now, reason
	return s
}

// AccessExpiry is the expiry of an access token issued now: the access
// lifetime, but never past the session itself.
func (s Session) AccessExpiry(now time.Time, lt Lifetimes) time.Time {
	exp := now.Add(lt.Access)
	if exp.After(s.ExpiresAt) {
		return s.ExpiresAt
	}
	return exp
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
