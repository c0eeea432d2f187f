package app

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// Consumer names, recorded with each applied event id (idempotency).
const (
	consumerProjectDeleted = "invitations.project-deleted"
	consumerUserRegistered = "invitations.user-registered"
)

// ProjectDeleted cancels the deleted project's pending invitations, each
// announced (invitation.cancelled, reason project_deleted, actor: whoever
// deleted the project). A redelivered event changes nothing.
func (a *App) ProjectDeleted(ctx context.Context, ev events.Event) error {
	var p contracts.ProjectDeleted
	if err := ev.Decode(&p); err != nil {
		return fmt.Errorf("%w: %w", daprx.ErrDrop, err)
	}
	projectID, err := uuid.Parse(p.ProjectID)
	if err != nil {
		return fmt.Errorf("%w: project.deleted without a project id (%q)", daprx.ErrDrop, p.ProjectID)
	}
	actor := p.Actor.UserID
	if _, err := uuid.Parse(actor); err != nil {
		actor = "" // the owner who sent each invitation stands in
	}
	now := a.now()
	n, err := a.Invitations.CancelPendingOfProject(ctx, consumerProjectDeleted, ev.ID, projectID.String(),
		func(inv *domain.Invitation) (events.Event, error) {
			by := actor
			if by == "" {
				by = inv.InvitedBy
			}
			return cancelOrExpire(inv, by, contracts.CancelledProjectDeleted, now)
		})
	if err != nil {
		return fmt.Errorf("cancel invitations of project %s: %w", projectID, err)
	}
	if n > 0 {
		a.Log.InfoContext(ctx, "invitations of a deleted project cancelled", "project_id", projectID.String(), "count", n)
	}
	return nil
}

// UserRegistered attaches the new account to the pending invitations sent
// to its email address, so that they reach the person even if the address
// changes later. An invitation that would become a second pending
// invitation of the person to the same project (one was sent by username
// after the sign-up) is cancelled as a duplicate. Idempotent.
func (a *App) UserRegistered(ctx context.Context, ev events.Event) error {
	var p contracts.UserRegistered
	if err := ev.Decode(&p); err != nil {
		return fmt.Errorf("%w: %w", daprx.ErrDrop, err)
	}
	userID, err := uuid.Parse(p.UserID)
	if err != nil {
		return fmt.Errorf("%w: user.registered without a user id (%q)", daprx.ErrDrop, p.UserID)
	}
	email, problem := domain.NormalizeEmail(p.Email)
	if problem != "" {
		return nil // no invitation can have been sent to it
	}
	now := a.now()
	n, err := a.Invitations.AttachAccount(ctx, consumerUserRegistered, ev.ID, userID.String(), email,
		func(inv *domain.Invitation) (events.Event, error) {
			return cancelOrExpire(inv, inv.InvitedBy, contracts.CancelledDuplicate, now)
		})
	if err != nil {
		return fmt.Errorf("attach invitations to user %s: %w", userID, err)
	}
	if n > 0 {
		a.Log.InfoContext(ctx, "invitations attached to a new account", "user_id", userID.String(), "count", n)
	}
	return nil
}

// cancelOrExpire cancels a pending invitation, or marks it expired if it
// is already overdue, and returns the event announcing which.
func cancelOrExpire(inv *domain.Invitation, by, reason string, now time.Time) (events.Event, error) {
	if inv.Overdue(now) {
		if err := inv.Expire(now); err != nil {
			return events.Event{}, err
		}
		return expiredEvent(*inv)
	}
	if err := inv.Cancel(by, reason, now); err != nil {
		return events.Event{}, err
	}
	return cancelledEvent(*inv)
}
