package app

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// canonicalID returns id in its canonical form (lower-case, hyphenated),
// or notFound when it is no UUID: a malformed id names nothing.
func canonicalID(id string, notFound error) (string, error) {
	u, err := uuid.Parse(id)
	if err != nil {
		return "", notFound
	}
	return u.String(), nil
}

// membership returns a user's standing in a project. Anyone who is not a
// member, and any malformed project id, gets domain.ErrProjectNotFound.
// The membership's ProjectID is the canonical form of projectID.
func (a *App) membership(ctx context.Context, projectID, userID string) (contracts.Membership, error) {
	projectID, err := canonicalID(projectID, domain.ErrProjectNotFound)
	if err != nil {
		return contracts.Membership{}, err
	}
	m, err := a.Projects.Membership(ctx, projectID, userID)
	if err != nil {
		return contracts.Membership{}, unavailable(err, domain.ErrProjectsUnavailable)
	}
	m.ProjectID = projectID
	return m, nil
}

// requireOwner returns the caller's membership if they own the project.
func (a *App) requireOwner(ctx context.Context, projectID, userID string) (contracts.Membership, error) {
	m, err := a.membership(ctx, projectID, userID)
	if err != nil {
		return contracts.Membership{}, err
	}
	if m.Role != contracts.RoleOwner {
		return contracts.Membership{}, domain.ErrForbiddenRole
	}
	return m, nil
}

// isMember reports whether userID belongs to the project.
func (a *App) isMember(ctx context.Context, projectID, userID string) (bool, error) {
	_, err := a.membership(ctx, projectID, userID)
	switch {
	case errors.Is(err, domain.ErrProjectNotFound):
		return false, nil
	case err != nil:
		return false, err
	}
	return true, nil
}

// emailOf returns the email address of the caller's account, which
// invitations sent to an address before the account existed are matched
// by. A deleted account has none ("").
func (a *App) emailOf(ctx context.Context, userID string) (string, error) {
	u, err := a.Users.ByID(ctx, userID)
	switch {
	case errors.Is(err, domain.ErrUserNotFound):
		return "", nil
	case err != nil:
		return "", unavailable(err, domain.ErrUsersUnavailable)
	}
	email, problem := domain.NormalizeEmail(u.Email)
	if problem != "" {
		return "", nil
	}
	return email, nil
}

// forInvitee returns invitation id if it is addressed to the caller, with
// the caller's email address when it had to be looked up. Invitations of
// other people are domain.ErrInvitationNotFound.
func (a *App) forInvitee(ctx context.Context, c Caller, id string) (domain.Invitation, string, error) {
	inv, err := a.Invitations.ByID(ctx, id)
	if err != nil {
		return domain.Invitation{}, "", err
	}
	if inv.Invitee.UserID != "" {
		if inv.Invitee.UserID != c.UserID {
			return domain.Invitation{}, "", domain.ErrInvitationNotFound
		}
		return inv, "", nil
	}
	email, err := a.emailOf(ctx, c.UserID)
	if err != nil {
		return domain.Invitation{}, "", err
	}
	if !inv.AddressedTo(c.UserID, email) {
		return domain.Invitation{}, "", domain.ErrInvitationNotFound
	}
	return inv, email, nil
}
