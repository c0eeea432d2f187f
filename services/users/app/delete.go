package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/users/domain"
)

// DeleteAccount deletes the caller's account after checking its password:
// every session is revoked, the personal data is scrubbed (the email and
// username become free again) and user.deleted is announced. As with a
// password change, sessions go first so that a failure changes nothing.
func (a *App) DeleteAccount(ctx context.Context, userID, clientIP, password string) error {
	if p := domain.PasswordProblem(password); p != "" {
		return domain.FieldErrors{"password": p}.Err()
	}
	u, err := a.Users.ByID(ctx, userID)
	if err != nil {
		return err
	}
	if err := a.checkPassword(ctx, u.ID, clientIP, password, u.PasswordHash, true); err != nil {
		return err
	}
	if err := a.revoke(ctx, u.ID, "", "account_deleted"); err != nil {
		return err
	}
	ev, err := newEvent(contracts.EventUserDeleted, u.ID, contracts.UserDeleted{
		Actor: contracts.Actor{UserID: u.ID}, UserID: u.ID, OccurredAt: a.now(),
	})
	if err != nil {
		return err
	}
	return a.Users.Delete(ctx, u.ID, ev)
}
