package app

import (
	"context"
	"fmt"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/users/domain"
)

// Register creates an account and announces it (user.registered). Two
// sign-ups racing for the same email or username are settled by the
// database's unique indexes: one wins, the other gets a conflict.
func (a *App) Register(ctx context.Context, r domain.Registration) (domain.User, error) {
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
