package app

import (
	"context"
	"errors"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// Cancel withdraws a pending invitation of a project the caller owns and
// announces it (invitation.cancelled, reason cancelled_by_owner). An
// invitation found overdue is marked expired instead, and like every
// decided invitation answers invitation_not_pending.
func (a *App) Cancel(ctx context.Context, c Caller, projectID, id string) error {
	m, err := a.requireOwner(ctx, projectID, c.UserID)
	if err != nil {
		return err
	}
	if m.Archived {
		return domain.ErrProjectArchived
	}
	now := a.now()
	updated, err := a.Invitations.Update(ctx, id, func(cur *domain.Invitation) (*events.Event, error) {
		if cur.ProjectID != m.ProjectID {
			return nil, domain.ErrInvitationNotFound
		}
		if cur.Overdue(now) {
			return expireLocked(cur, now)
		}
		if err := cur.Cancel(c.UserID, contracts.CancelledByOwner, now); err != nil {
			return nil, err
		}
		ev, err := cancelledEvent(*cur)
		return &ev, err
	})
	switch {
	case errors.Is(err, domain.ErrInvitationExpired):
		return domain.NotPending(domain.StatusExpired)
	case err != nil:
		return err
	case updated.Status == domain.StatusExpired:
		return domain.NotPending(domain.StatusExpired)
	}
	return nil
}
