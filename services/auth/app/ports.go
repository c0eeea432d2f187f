// Package app holds the use cases of the auth service: starting logins,
// rotating refresh tokens, signing out, listing sessions, and managing the
// signing keys. It talks to storage only through the ports below.
package app

import (
	"context"
	"errors"

	"github.com/taskrocket/taskrocket/services/auth/domain"
)

// Errors every store implementation returns (wrapped or not).
var (
	// ErrNotFound: no record under the key (or it has expired).
	ErrNotFound = errors.New("not found")
	// ErrConflict: the record changed since it was read (ETag mismatch), or
	// a create found the record already there.
	ErrConflict = errors.New("concurrent modification")
)

// Version is the opaque version (ETag) of a stored record; a write that
// names it succeeds only if the record is still at that version.
type Version string

// SessionStore keeps sessions, refresh tokens and each user's sessions.
type SessionStore interface {
	// CreateSession stores a new session with its first refresh token and
	// lists it among its user's sessions, all or nothing as far as a
	// reader can tell.
	CreateSession(ctx context.Context, s domain.Session, first domain.RefreshToken) error
	// Session returns a session and its version.
	Session(ctx context.Context, id string) (domain.Session, Version, error)
	// UpdateSession replaces a session if it is still at version v.
	UpdateSession(ctx context.Context, s domain.Session, v Version) error
	// UserSessions returns every stored session of a user, in no order.
	UserSessions(ctx context.Context, userID string) ([]domain.Session, error)
	// RefreshToken returns the token stored under hash.
	RefreshToken(ctx context.Context, hash string) (domain.RefreshToken, error)
	// SaveRefreshToken creates or replaces a token record.
	SaveRefreshToken(ctx context.Context, t domain.RefreshToken) error
	// DeleteRefreshToken removes a token record (no error if absent).
	DeleteRefreshToken(ctx context.Context, hash string) error

	// AddPending keeps a revocation until RemovePending: announced or not,
	// it is not lost.
	AddPending(ctx context.Context, r domain.Revocation) error
	// RemovePending forgets an announced revocation (no error if absent).
	RemovePending(ctx context.Context, id string) error
	// Pending returns every revocation not yet announced, in no order.
	Pending(ctx context.Context) ([]domain.Revocation, error)
}

// KeyStore keeps the signing keyset every replica shares.
type KeyStore interface {
	// Keyset returns the keyset and its version.
	Keyset(ctx context.Context) (domain.Keyset, Version, error)
	// SaveKeyset creates the keyset (v == "": fails with ErrConflict if one
	// exists) or replaces it if still at version v.
	SaveKeyset(ctx context.Context, ks domain.Keyset, v Version) error
}
