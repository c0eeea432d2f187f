package app

import (
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// invitee is the invitee as events name them: the account when known and
// the address when the owner typed one; never the private email address of
// someone invited by username.
func invitee(inv domain.Invitation) contracts.Invitee {
	out := contracts.Invitee{UserID: inv.Invitee.UserID}
	if inv.Invitee.AddressedBy == domain.AddressedByEmail {
		out.Email = inv.Invitee.Email
	}
	return out
}

func sentEvent(inv domain.Invitation) (events.Event, error) {
	return newEvent(contracts.EventInvitationSent, inv.ID, contracts.InvitationSent{
		Actor: contracts.Actor{UserID: inv.InvitedBy}, InvitationID: inv.ID, ProjectID: inv.ProjectID,
		ProjectName: inv.ProjectName, Invitee: invitee(inv), Role: inv.Role, Message: inv.Message,
		ExpiresAt: inv.ExpiresAt, OccurredAt: inv.CreatedAt,
	})
}

// decidedAt is when the invitation left pending.
func decidedAt(inv domain.Invitation) time.Time {
	if inv.DecidedAt != nil {
		return *inv.DecidedAt
	}
	return inv.UpdatedAt
}

func acceptedEvent(inv domain.Invitation) (events.Event, error) {
	return newEvent(contracts.EventInvitationAccepted, inv.ID, contracts.InvitationAccepted{
		Actor: contracts.Actor{UserID: inv.DecidedBy}, InvitationID: inv.ID, ProjectID: inv.ProjectID,
		ProjectName: inv.ProjectName, Invitee: invitee(inv), Role: inv.Role, InvitedBy: inv.InvitedBy,
		OccurredAt: decidedAt(inv),
	})
}

func rejectedEvent(inv domain.Invitation) (events.Event, error) {
	return newEvent(contracts.EventInvitationRejected, inv.ID, contracts.InvitationRejected{
		Actor: contracts.Actor{UserID: inv.DecidedBy}, InvitationID: inv.ID, ProjectID: inv.ProjectID,
		ProjectName: inv.ProjectName, Invitee: invitee(inv), Role: inv.Role, InvitedBy: inv.InvitedBy,
		OccurredAt: decidedAt(inv),
	})
}

func cancelledEvent(inv domain.Invitation) (events.Event, error) {
	return newEvent(contracts.EventInvitationCancelled, inv.ID, contracts.InvitationCancelled{
		Actor: contracts.Actor{UserID: inv.DecidedBy}, InvitationID: inv.ID, ProjectID: inv.ProjectID,
		ProjectName: inv.ProjectName, Invitee: invitee(inv), Role: inv.Role, InvitedBy: inv.InvitedBy,
		Reason: inv.Reason, OccurredAt: decidedAt(inv),
	})
}

// expiredEvent names the owner who sent the invitation as the actor:
// nobody acts when an invitation lapses.
func expiredEvent(inv domain.Invitation) (events.Event, error) {
	return newEvent(contracts.EventInvitationExpired, inv.ID, contracts.InvitationExpired{
		Actor: contracts.Actor{UserID: inv.InvitedBy}, InvitationID: inv.ID, ProjectID: inv.ProjectID,
		ProjectName: inv.ProjectName, Invitee: invitee(inv), Role: inv.Role, InvitedBy: inv.InvitedBy,
		ExpiresAt: inv.ExpiresAt, OccurredAt: decidedAt(inv),
	})
}

// expireLocked marks a locked overdue invitation expired and returns the
// event announcing it.
func expireLocked(inv *domain.Invitation, now time.Time) (*events.Event, error) {
	if err := inv.Expire(now); err != nil {
		return nil, err
	}
	ev, err := expiredEvent(*inv)
	if err != nil {
		return nil, err
	}
	return &ev, nil
}
