package contracts

import "time"

// Internal invocation contract between users and auth (Dapr service
// invocation; auth's access policy admits only the users app here).

// Internal paths of the auth service.
const (
	// AuthPathSessions mints a login: POST MintSessionRequest -> TokenPair.
	AuthPathSessions = "internal/sessions"
	// AuthPathRevokeUserSessions revokes a user's logins:
	// POST RevokeUserSessionsRequest -> 204.
	AuthPathRevokeUserSessions = "internal/sessions/revoke"
	// AuthPathSessionActive reports whether a login is still valid:
	// GET internal/sessions/{sessionId} -> 200 SessionState | 404.
	AuthPathSessionActive = "internal/sessions/"
)

// MintSessionRequest asks auth to start a login for a verified user.
type MintSessionRequest struct {
	UserID    string `json:"userId"`
	Username  string `json:"username"`
	UserAgent string `json:"userAgent"`
	ClientIP  string `json:"clientIp"`
}

// TokenPair is what a client receives after login or refresh.
type TokenPair struct {
	AccessToken      string `json:"accessToken"`
	TokenType        string `json:"tokenType"` // "Bearer"
	ExpiresIn        int    `json:"expiresIn"` // seconds
	RefreshToken     string `json:"refreshToken"`
	RefreshExpiresIn int    `json:"refreshExpiresIn"` // seconds
	SessionID        string `json:"sessionId"`
}

// RevokeUserSessionsRequest revokes every login of a user, optionally
// keeping one (the login that changed the password).
type RevokeUserSessionsRequest struct {
	UserID          string `json:"userId"`
	ExceptSessionID string `json:"exceptSessionId,omitempty"`
	Reason          string `json:"reason"` // password_changed | account_deleted | logout_everywhere
}

// MaxAccessTokenLifetime bounds every access token auth issues (it refuses
// to start with a longer one): a revocation matters for this long at most.
const MaxAccessTokenLifetime = 15 * time.Minute

// SessionState is auth's answer about one login.
type SessionState struct {
	SessionID string    `json:"sessionId"`
	UserID    string    `json:"userId"`
	Active    bool      `json:"active"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// Internal paths of the users service (callers: invitations, notifications,
// projects through their access policies).
const (
	// UsersPathByUsername: GET internal/users/by-username/{username} -> UserRef.
	UsersPathByUsername = "internal/users/by-username/"
	// UsersPathByEmail: GET internal/users/by-email/{email} -> UserRef.
	UsersPathByEmail = "internal/users/by-email/"
	// UsersPathByID: GET internal/users/{id} -> UserRef.
	UsersPathByID = "internal/users/"
	// UsersPathLookup: POST UsersLookupRequest -> UsersLookup, the names
	// of the live accounts among the ids (projects names its members).
	UsersPathLookup = "internal/users/lookup"
)

// UsersLookupMax is the most ids one UsersLookupRequest may carry.
const UsersLookupMax = 200

// UsersLookupRequest names accounts by id: at most UsersLookupMax UUIDs;
// a repeated id is looked up once.
type UsersLookupRequest struct {
	IDs []string `json:"ids"`
}

// UsersLookup answers a UsersLookupRequest: one entry per live account
// among the ids, in the order the ids were first given. An id without an
// entry names no account or a deleted one.
type UsersLookup struct {
	Users []UserName `json:"users"`
}

// UserName is how an account is shown to the people it works with.
type UserName struct {
	ID          string `json:"id"`
	Username    string `json:"username"`
	DisplayName string `json:"displayName"`
}

// UserRef is the public view of an account that other services may hold.
type UserRef struct {
	ID          string `json:"id"`
	Username    string `json:"username"`
	DisplayName string `json:"displayName"`
	Email       string `json:"email"`
	Locale      string `json:"locale"`
	Timezone    string `json:"timezone"`
	AvatarURL   string `json:"avatarUrl,omitempty"`
}
