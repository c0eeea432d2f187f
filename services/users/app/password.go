package app

import (
	"context"
	"fmt"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/users/domain"
)

// PasswordChange is a request to replace the caller's password.
type PasswordChange struct {
	UserID          string
	SessionID       string // the caller's login, which stays signed in
	ClientIP        string
	CurrentPassword string
	NewPassword     string
}

// ChangePassword replaces the password after checking the current one
// (throttled like a login), signs out every other session of the account
// and announces the change (user.updated, changed ["password"]).
//
// Sessions are revoked before the new hash is stored: if auth cannot be
// reached nothing changes and the client may retry; the other order could
// leave a stolen session alive behind a changed password.
func (a *App) ChangePassword(ctx context.Context, req PasswordChange) error {
	problems := domain.FieldErrors{}
	if p := domain.PasswordProblem(req.CurrentPassword); p != "" {
		problems.Add("currentPassword", p)
	}
	if p := domain.PasswordProblem(req.NewPassword); p != "" {
		problems.Add("newPassword", p)
	}
	if err := problems.Err(); err != nil {
		return err
	}
	u, err := a.Users.ByID(ctx, req.UserID)
	if err != nil {
		return err
	}
	if err := a.checkPassword(ctx, u.ID, req.ClientIP, req.CurrentPassword, u.PasswordHash, true); err != nil {
		return err
	}
	if err := a.Policy.Check(req.NewPassword, u.Username, u.Email, u.DisplayName); err != nil {
		return err
	}
	hash, err := a.Hasher.Hash(ctx, req.NewPassword)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	if err := a.revoke(ctx, u.ID, req.SessionID, "password_changed"); err != nil {
		return err
	}
	_, err = a.Users.Update(ctx, u.ID, func(cur *domain.User) ([]string, *events.Event, error) {
		cur.PasswordHash, cur.UpdatedAt = hash, a.now()
		ev, err := userUpdated(*cur, []string{domain.FieldPassword})
		if err != nil {
			return nil, nil, err
		}
		return []string{domain.FieldPassword}, &ev, nil
	})
	return err
}

func (a *App) revoke(ctx context.Context, userID, exceptSessionID, reason string) error {
	err := a.Sessions.RevokeUserSessions(ctx, contracts.RevokeUserSessionsRequest{
		UserID: userID, ExceptSessionID: exceptSessionID, Reason: reason,
	})
	if err != nil {
		return apperr.Wrap(err, ErrAuthUnavailable.Kind, ErrAuthUnavailable.Code,
			"sessions cannot be revoked right now; nothing was changed, try again shortly")
	}
	return nil
}
