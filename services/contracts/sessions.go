package contracts

import "time"

// Events of the auth context (topic TopicSessions): logins signed out
// before their tokens expire. The gateways keep an in-memory view of them
// (fed through the pubsub-views component, so every gateway instance hears
// of every revocation) and refuse the revoked logins' access tokens. The
// CloudEvent subject is the session id, or the user id for a user's
// sessions.
var sessionEvents = []EventSpec{
	{Type: EventSessionRevoked, Topic: TopicSessions, Schema: "session.revoked.v1.json"},
	{Type: EventUserSessionsRevoked, Topic: TopicSessions, Schema: "session.user_sessions_revoked.v1.json"},
}

// Event types of the auth context.
const (
	EventSessionRevoked      = "taskrocket.session.revoked.v1"
	EventUserSessionsRevoked = "taskrocket.session.user_sessions_revoked.v1"
)

// Why logins were signed out (SessionRevoked.Reason, UserSessionsRevoked.Reason).
const (
	RevokedLogout           = "logout"
	RevokedSessionDeleted   = "session_deleted"
	RevokedRefreshReused    = "refresh_token_reused"
	RevokedLogoutEverywhere = "logout_everywhere"
	RevokedPasswordChanged  = "password_changed"
	RevokedAccountDeleted   = "account_deleted"
)

// SessionRevoked is published when one login is signed out (log out, a
// session deleted from the list of logins, a refresh token presented
// twice). Its access tokens are refused from then on; they would all have
// expired by TokensExpireBy, after which the revocation can be forgotten.
type SessionRevoked struct {
	Actor          Actor     `json:"actor"`
	SessionID      string    `json:"sessionId"`
	UserID         string    `json:"userId"`
	Reason         string    `json:"reason"`
	RevokedAt      time.Time `json:"revokedAt"`
	TokensExpireBy time.Time `json:"tokensExpireBy"`
}

// UserSessionsRevoked is published when every login of a user that began
// before RevokedBefore is signed out, except ExceptSessionID when set (log
// out everywhere; a password change keeps the login that made it; an
// account deleted). SessionIDs are the logins auth revoked; a login not
// listed that began before RevokedBefore is revoked all the same.
type UserSessionsRevoked struct {
	Actor           Actor     `json:"actor"`
	UserID          string    `json:"userId"`
	ExceptSessionID string    `json:"exceptSessionId,omitempty"`
	SessionIDs      []string  `json:"sessionIds"`
	Reason          string    `json:"reason"`
	RevokedBefore   time.Time `json:"revokedBefore"`
	TokensExpireBy  time.Time `json:"tokensExpireBy"`
}
