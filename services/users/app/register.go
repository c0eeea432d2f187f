package app

import (
	"context"
	"fmt"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/users/domain"
)

// SignUpRequest is a new account, from a client, optionally signed in at
// once.
type SignUpRequest struct {
	domain.Registration
	UserAgent string
	ClientIP  string
	// SignIn asks for a session of the new account in the same answer, so
	// the client never has to go through the login throttle to use it.
	SignIn bool
}

// SignUpResult is the new account and, when asked for and auth answered,
// its first session. SessionErr says why a session that was asked for is
// missing: the account exists all the same, and signing in works.
type SignUpResult struct {
	User       domain.User
	Tokens     *contracts.TokenPair
	SessionErr error
}

// SignUp registers the account, remembers the client's address as one it
// signs in from (so the address's failure limit never traps it), and
// mints its first session when asked.
func (a *App) SignUp(ctx context.Context, req SignUpRequest) (SignUpResult, error) {
	u, err := a.register(ctx, req.Registration)
	if err != nil {
		return SignUpResult{}, err
	}
	if err := a.Attempts.Succeeded(ctx, u.ID, knownOrUnknown(req.ClientIP), a.now()); err != nil {
		// The account exists: failing now would invite a retry answered
		// with email_taken. Without the mark the address limit may apply.
		a.Log.WarnContext(ctx, "remembering the sign-up address failed", "user_id", u.ID, "error", err)
	}
	res := SignUpResult{User: u}
	if !req.SignIn {
		return res, nil
	}
	tokens, err := a.mint(ctx, u, req.UserAgent, req.ClientIP)
	if err != nil {
		a.Log.WarnContext(ctx, "first session of a new account not minted", "user_id", u.ID, "error", err)
		res.SessionErr = err
		return res, nil
	}
	res.Tokens = &tokens
	return res, nil
}

// register creates an account and announces it (user.registered). Two
// sign-ups racing for the same email or username are settled by the
// database's unique indexes: one wins, the other gets a conflict.
func (a *App) register(ctx context.Context, r domain.Registration) (domain.User, error) {
	u, err := domain.NewUser(r, a.now())
	if err != nil {
		return domain.User{}, err
	}
	if err := a.Policy.Check(r.Password, u.Username, u.Email, u.DisplayName); err != nil {
		return domain.User{}, err
	}
	if u.PasswordHash, err = a.Hasher.Hash(ctx, r.Password); err != nil {
		return domain.User{}, fmt.Errorf("hash password: %w", err)
	}
	ev, err := newEvent(contracts.EventUserRegistered, u.ID, contracts.UserRegistered{
		Actor: contracts.Actor{UserID: u.ID}, UserID: u.ID, Email: u.Email, Username: u.Username,
		DisplayName: u.DisplayName, Locale: u.Locale, Timezone: u.Timezone, OccurredAt: u.CreatedAt,
	})
	if err != nil {
		return domain.User{}, err
	}
	if err := a.Users.Create(ctx, u, ev); err != nil {
		return domain.User{}, err
	}
	return u, nil
}
