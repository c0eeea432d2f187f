// Package domain holds the rules of TaskRocket logins: sessions (refresh
// token families) with sliding and absolute lifetimes, opaque rotating
// refresh tokens with reuse detection, and the signing keyset with its
// rotation overlap. It does no I/O.
package domain

import "github.com/taskrocket/taskrocket/services/platform/apperr"

// Stable errors of the auth domain. Clients switch on the codes.
var (
	// ErrRefreshInvalid: the refresh token is unknown, malformed or expired.
	ErrRefreshInvalid = apperr.Unauthenticated("refresh_token_invalid", "the refresh token is not valid; log in again")
	// ErrRefreshReused: a spent refresh token was presented; its whole
	// session has been revoked (RFC 9700 reuse detection).
	ErrRefreshReused = apperr.Unauthenticated("refresh_token_reused", "the refresh token was already used; this login has been revoked, log in again")
	// ErrSessionRevoked: the login behind the token has been signed out.
	ErrSessionRevoked = apperr.Unauthenticated("session_revoked", "this login has been signed out; log in again")
	// ErrSessionNotFound: no such session among the caller's own.
	ErrSessionNotFound = apperr.NotFound("session_not_found", "no such session")
	// ErrInvalidReason: an unknown revocation reason.
	ErrInvalidReason = apperr.Invalid("invalid_reason", "unknown revocation reason")
)
