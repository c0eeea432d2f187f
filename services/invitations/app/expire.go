package app

import (
	"context"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// expiryBatch is how many invitations one transaction of the expiry
// worker marks.
const expiryBatch = 100

// ExpireOverdue marks every overdue pending invitation expired and
// announces each (invitation.expired). Rows another replica (or a request)
// holds are skipped, so each expiry is published once; they are picked up
// on a later pass if still pending.
func (a *App) ExpireOverdue(ctx context.Context) (int, error) {
	total := 0
	for {
		now := a.now()
		n, err := a.Invitations.ExpireDue(ctx, now, expiryBatch, func(inv *domain.Invitation) (events.Event, error) {
			if err := inv.Expire(now); err != nil {
				return events.Event{}, err
			}
			return expiredEvent(*inv)
		})
		total += n
		if err != nil || n < expiryBatch {
			return total, err
		}
	}
}

// RunExpiry is the background worker that runs ExpireOverdue at start and
// then every interval until ctx ends. A failed pass is logged and retried
// on the next tick: a database hiccup must not stop the service.
func (a *App) RunExpiry(interval time.Duration) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		ticker := time.NewTicker(interval)
		defer ticker.Stop()
		for {
			n, err := a.ExpireOverdue(ctx)
			switch {
			case err != nil && ctx.Err() == nil:
				a.Log.WarnContext(ctx, "expiring invitations failed", "error", err, "expired", n)
			case n > 0:
				a.Log.InfoContext(ctx, "invitations expired", "count", n)
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-ticker.C:
			}
		}
	}
}
