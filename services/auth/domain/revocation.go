package domain

import "time"

// Revocation is a sign-out the other services must hear of (auth's
// events): one session (SessionID set), or every session of a user begun
// before At except Keep (SessionID empty; Sessions lists those revoked).
// It is stored before the sessions are changed and removed once announced,
// so a revocation is announced even if the process stops in between.
type Revocation struct {
	ID        string // the event id, the same on every attempt to announce it
	SessionID string
	UserID    string
	Keep      string
	Sessions  []string
	Reason    string
	At        time.Time
	// TokensExpireBy is when every access token issued before At has
	// expired: the revocation matters until then.
	TokensExpireBy time.Time
}

// ForUser reports whether the revocation covers a user's sessions rather
// than one session.
func (r Revocation) ForUser() bool { return r.SessionID == "" }
