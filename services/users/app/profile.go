package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/users/domain"
)

// Profile returns the caller's own account.
func (a *App) Profile(ctx context.Context, userID string) (domain.User, error) {
	return a.Users.ByID(ctx, userID)
}

// UpdateProfile applies a partial update. Only fields whose value changes
// are written, and user.updated names them; an update that changes
// nothing writes and announces nothing.
func (a *App) UpdateProfile(ctx context.Context, userID string, patch domain.ProfilePatch) (domain.User, error) {
	return a.Users.Update(ctx, userID, func(u *domain.User) ([]string, *events.Event, error) {
		changed, err := u.Apply(patch, a.now())
		if err != nil || len(changed) == 0 {
			return nil, nil, err
		}
		ev, err := userUpdated(*u, changed)
		if err != nil {
			return nil, nil, err
		}
		return changed, &ev, nil
	})
}

func userUpdated(u domain.User, changed []string) (events.Event, error) {
	return newEvent(contracts.EventUserUpdated, u.ID, contracts.UserUpdated{
		Actor: contracts.Actor{UserID: u.ID}, UserID: u.ID, Username: u.Username,
		DisplayName: u.DisplayName, Locale: u.Locale, Timezone: u.Timezone, AvatarURL: u.AvatarURL,
		Changed: changed, OccurredAt: u.UpdatedAt,
	})
}
