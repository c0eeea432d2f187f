package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/users/domain"
)

// FindByUsername returns the live account with that username. Malformed
// input cannot name an account and is reported as not found.
func (a *App) FindByUsername(ctx context.Context, raw string) (domain.User, error) {
	username, problem := domain.NormalizeUsername(raw)
	if problem != "" {
		return domain.User{}, domain.ErrUserNotFound
	}
	return a.Users.ByUsername(ctx, username)
}

// FindByEmail returns the live account with that email address.
func (a *App) FindByEmail(ctx context.Context, raw string) (domain.User, error) {
	email, problem := domain.NormalizeEmail(raw)
	if problem != "" {
		return domain.User{}, domain.ErrUserNotFound
	}
	return a.Users.ByEmail(ctx, email)
}

// FindByID returns the live account with that id.
func (a *App) FindByID(ctx context.Context, raw string) (domain.User, error) {
	id, err := uuid.Parse(raw)
	if err != nil {
		return domain.User{}, domain.ErrUserNotFound
	}
	return a.Users.ByID(ctx, id.String())
}
