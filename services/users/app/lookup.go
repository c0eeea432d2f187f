package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/fields"

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

// FindByIDs returns the live accounts among ids, in the order the ids
// were first given; ids that name no live account are left out. The list
// is required, holds at most contracts.UsersLookupMax entries, and each is
// a UUID: anything else is validation_failed on "ids", with nothing read.
func (a *App) FindByIDs(ctx context.Context, ids []string) ([]domain.User, error) {
	switch {
	case ids == nil:
		return nil, domain.FieldErrors{"ids": fields.Required}.Err()
	case len(ids) > contracts.UsersLookupMax:
		return nil, domain.FieldErrors{"ids": domain.ProblemTooMany}.Err()
	}
	wanted := make([]string, 0, len(ids))
	seen := make(map[string]bool, len(ids))
	for _, raw := range ids {
		id, ok := fields.ParseUUID(raw)
		if !ok {
			return nil, domain.FieldErrors{"ids": fields.Invalid}.Err()
		}
		if !seen[id] {
			seen[id] = true
			wanted = append(wanted, id)
		}
	}
	found, err := a.Users.ByIDs(ctx, wanted)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]domain.User, len(found))
	for _, u := range found {
		byID[u.ID] = u
	}
	out := make([]domain.User, 0, len(found))
	for _, id := range wanted {
		if u, ok := byID[id]; ok {
			out = append(out, u)
		}
	}
	return out, nil
}
