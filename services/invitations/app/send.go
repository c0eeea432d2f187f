package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// Send invites someone to a project on behalf of one of its owners and
// announces it (invitation.sent). The invitee is named by username (which
// must exist) or by email address (which need not: the invitation waits
// for someone to sign up with it). Two owners inviting the same person at
// once are settled by the database: one invitation is stored, the other
// request gets invitation_pending.
func (a *App) Send(ctx context.Context, c Caller, projectID string, d domain.Draft) (domain.Invitation, error) {
	req, err := domain.ParseDraft(d)
	if err != nil {
		return domain.Invitation{}, err
	}
	m, err := a.requireOwner(ctx, projectID, c.UserID)
	if err != nil {
		return domain.Invitation{}, err
	}
	if m.Archived {
		return domain.Invitation{}, domain.ErrProjectArchived
	}
	who, err := a.resolve(ctx, req)
	if err != nil {
		return domain.Invitation{}, err
	}
	if who.UserID != "" {
		member, err := a.isMember(ctx, m.ProjectID, who.UserID)
		if err != nil {
			return domain.Invitation{}, err
		}
		if member {
			return domain.Invitation{}, domain.ErrAlreadyMember
		}
	}
	inv, err := domain.NewInvitation(req, domain.Sender{UserID: c.UserID, Username: c.Username},
		m.ProjectID, m.ProjectName, who, a.now(), a.TTL)
	if err != nil {
		return domain.Invitation{}, fmt.Errorf("new invitation: %w", err)
	}
	ev, err := sentEvent(inv)
	if err != nil {
		return domain.Invitation{}, err
	}
	if err := a.Invitations.Create(ctx, inv, ev); err != nil {
		return domain.Invitation{}, err
	}
	return inv, nil
}

// resolve finds the account a request names. A username must name an
// account; an email address may name none yet.
func (a *App) resolve(ctx context.Context, req domain.Request) (domain.Invitee, error) {
	if req.Username != "" {
		u, err := a.Users.ByUsername(ctx, req.Username)
		if err != nil {
			return domain.Invitee{}, unavailable(err, domain.ErrUsersUnavailable)
		}
		if _, err := uuid.Parse(u.ID); err != nil {
			return domain.Invitee{}, fmt.Errorf("users answered an account without an id: %q", u.ID)
		}
		return domain.Invitee{UserID: u.ID, AddressedBy: domain.AddressedByUsername, Username: u.Username}, nil
	}
	who := domain.Invitee{AddressedBy: domain.AddressedByEmail, Email: req.Email}
	u, err := a.Users.ByEmail(ctx, req.Email)
	switch {
	case errors.Is(err, domain.ErrUserNotFound):
		return who, nil
	case err != nil:
		return domain.Invitee{}, unavailable(err, domain.ErrUsersUnavailable)
	}
	if _, err := uuid.Parse(u.ID); err != nil {
		return domain.Invitee{}, fmt.Errorf("users answered an account without an id: %q", u.ID)
	}
	who.UserID = u.ID
	return who, nil
}
