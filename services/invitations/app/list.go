package app

import (
	"context"
	"time"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// ListForProject lists a project's invitations for one of its owners,
// newest first, by effective status (an overdue invitation is listed as
// expired before the expiry worker marks it). Archived projects' lists
// stay readable.
func (a *App) ListForProject(ctx context.Context, c Caller, projectID string, filter domain.StatusFilter, page domain.Page) (domain.Paged, error) {
	m, err := a.requireOwner(ctx, projectID, c.UserID)
	if err != nil {
		return domain.Paged{}, err
	}
	now := a.now()
	p, err := a.Invitations.ListForProject(ctx, m.ProjectID, filter, now, page)
	return asSeen(p, now), err
}

// ListMine lists the caller's pending invitations, newest first: those
// addressed to their account and those sent to their email address before
// the account was attached to them.
func (a *App) ListMine(ctx context.Context, c Caller, page domain.Page) (domain.Paged, error) {
	email, err := a.emailOf(ctx, c.UserID)
	if err != nil {
		return domain.Paged{}, err
	}
	now := a.now()
	p, err := a.Invitations.ListPendingFor(ctx, c.UserID, email, now, page)
	return asSeen(p, now), err
}

// asSeen shows each invitation in its effective status.
func asSeen(p domain.Paged, now time.Time) domain.Paged {
	for i := range p.Items {
		p.Items[i].Status = p.Items[i].EffectiveStatus(now)
	}
	return p
}
