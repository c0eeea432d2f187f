package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/auth/domain"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

// Mint starts a login for a user whose credentials the users service has
// verified: a new session (refresh-token family), its first refresh token
// and an access token.
func (a *Application) Mint(ctx context.Context, login domain.Login) (Tokens, error) {
	if login.UserID == "" || login.Username == "" {
		return Tokens{}, apperr.Invalid("validation_failed", "userId and username are required")
	}
	secret, hash, err := domain.NewRefreshSecret()
	if err != nil {
		return Tokens{}, err
	}
	now := a.now()
	// A UUIDv7 carries the login's start to the millisecond: a gateway
	// tells from the id alone whether "every login begun before T" covers it.
	id, err := uuid.NewV7()
	if err != nil {
		return Tokens{}, err
	}
	s, first := domain.NewSession(id.String(), login, hash, now, a.opts.Lifetimes)
	// Sign before storing: a login that cannot be handed out is not kept.
	tokens, err := a.issue(s, secret, now)
	if err != nil {
		return Tokens{}, err
	}
	if err := a.sessions.CreateSession(ctx, s, first); err != nil {
		return Tokens{}, errStore("create session", err)
	}
	a.log.InfoContext(ctx, "session started", "session_id", s.ID, "user_id", s.UserID)
	return tokens, nil
}
