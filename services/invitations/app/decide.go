package app

import (
	"context"
	"errors"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// Accepted is the result of accepting an invitation.
type Accepted struct {
	Invitation domain.Invitation
	Membership contracts.Membership
}

// Accept makes the caller a member of the invitation's project and
// announces it (invitation.accepted).
//
// The invitation stays locked while the projects service adds the member,
// so an owner cancelling at the same moment either comes first (and the
// caller gets invitation_not_pending, without joining) or waits. Adding a
// member is idempotent, so if this service fails after projects answered,
// accepting again completes the acceptance. Accepting an invitation the
// caller already accepted answers the same result while they are still a
// member; someone removed since cannot rejoin through an old invitation.
func (a *App) Accept(ctx context.Context, c Caller, id string) (Accepted, error) {
	inv, email, err := a.forInvitee(ctx, c, id)
	if err != nil {
		return Accepted{}, err
	}
	if inv.Status == domain.StatusAccepted {
		return a.alreadyAccepted(ctx, c, inv)
	}
	now := a.now()
	var m contracts.Membership
	updated, err := a.Invitations.Update(ctx, id, func(cur *domain.Invitation) (*events.Event, error) {
		if !cur.AddressedTo(c.UserID, email) {
			return nil, domain.ErrInvitationNotFound
		}
		if cur.Overdue(now) {
			return expireLocked(cur, now)
		}
		if cur.Status == domain.StatusAccepted && cur.DecidedBy == c.UserID {
			return nil, nil // accepted by a concurrent request of the caller
		}
		if err := cur.Accept(c.UserID, now); err != nil {
			return nil, err
		}
		m, err = a.Projects.AddMember(ctx, cur.ProjectID, contracts.AddMemberRequest{
			UserID: c.UserID, Role: cur.Role, InvitationID: cur.ID, ActorID: c.UserID,
		})
		if err != nil {
			return nil, unavailable(err, domain.ErrProjectsUnavailable)
		}
		ev, err := acceptedEvent(*cur)
		return &ev, err
	})
	switch {
	case err != nil:
		return Accepted{}, err
	case updated.Status == domain.StatusExpired:
		return Accepted{}, domain.ErrInvitationExpired
	case m.ProjectID == "":
		return a.alreadyAccepted(ctx, c, updated)
	}
	return Accepted{Invitation: updated, Membership: m}, nil
}

// alreadyAccepted answers a repeated acceptance with the caller's current
// membership.
func (a *App) alreadyAccepted(ctx context.Context, c Caller, inv domain.Invitation) (Accepted, error) {
	if inv.DecidedBy != c.UserID {
		return Accepted{}, domain.NotPending(inv.Status)
	}
	m, err := a.membership(ctx, inv.ProjectID, c.UserID)
	switch {
	case errors.Is(err, domain.ErrProjectNotFound):
		return Accepted{}, domain.NotPending(inv.Status) // removed since, or the project is gone
	case err != nil:
		return Accepted{}, err
	}
	return Accepted{Invitation: inv, Membership: m}, nil
}

// Reject declines an invitation and announces it (invitation.rejected).
// Rejecting an invitation the caller already rejected answers it again.
func (a *App) Reject(ctx context.Context, c Caller, id string) (domain.Invitation, error) {
	inv, email, err := a.forInvitee(ctx, c, id)
	if err != nil {
		return domain.Invitation{}, err
	}
	if inv.Status == domain.StatusRejected && inv.DecidedBy == c.UserID {
		return inv, nil
	}
	now := a.now()
	updated, err := a.Invitations.Update(ctx, id, func(cur *domain.Invitation) (*events.Event, error) {
		if !cur.AddressedTo(c.UserID, email) {
			return nil, domain.ErrInvitationNotFound
		}
		if cur.Overdue(now) {
			return expireLocked(cur, now)
		}
		if cur.Status == domain.StatusRejected && cur.DecidedBy == c.UserID {
			return nil, nil
		}
		if err := cur.Reject(c.UserID, now); err != nil {
			return nil, err
		}
		ev, err := rejectedEvent(*cur)
		return &ev, err
	})
	switch {
	case err != nil:
		return domain.Invitation{}, err
	case updated.Status == domain.StatusExpired:
		return domain.Invitation{}, domain.ErrInvitationExpired
	}
	return updated, nil
}
