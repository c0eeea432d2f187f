package app

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/auth/domain"
)

// Revocations are announced on the sessions topic, so that every gateway
// refuses the revoked logins' tokens without asking auth on each request.
// Auth keeps its data in Dapr state, where no transaction spans a state
// write and a publish; so a revocation is first stored as pending, then
// applied to the sessions, then published and removed. Announce retries
// pending ones that are older than announceGrace (a publish that failed,
// a process that stopped half-way): it applies them again (revoking is
// idempotent) and publishes them again (the gateways apply an event
// twice without harm).

// announceGrace leaves a revocation to the request that stored it this
// long before Announce takes it over.
const announceGrace = 5 * time.Second

// announceTimeout bounds one publish on the request's path: a slow broker
// delays the answer at most this long (Announce publishes later).
const announceTimeout = 2 * time.Second

// Announcer publishes a revocation's event.
type Announcer interface {
	Announce(ctx context.Context, r domain.Revocation) error
}

// noAnnouncer is the Announcer of an application built without one.
type noAnnouncer struct{}

func (noAnnouncer) Announce(context.Context, domain.Revocation) error { return nil }

func (a *Application) newRevocation(sessionID, userID, keep, reason string, sessions []string) (domain.Revocation, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return domain.Revocation{}, err
	}
	now := a.now()
	return domain.Revocation{
		ID: id.String(), SessionID: sessionID, UserID: userID, Keep: keep, Sessions: sessions,
		Reason: reason, At: now, TokensExpireBy: now.Add(a.opts.Lifetimes.Access),
	}, nil
}

// announce publishes r and forgets it; on failure it stays pending for
// Announce to publish later.
func (a *Application) announce(ctx context.Context, r domain.Revocation) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), announceTimeout)
	defer cancel()
	if err := a.announcer.Announce(ctx, r); err != nil {
		a.log.WarnContext(ctx, "revocation not announced yet; retried in the background",
			"revocation_id", r.ID, "user_id", r.UserID, "error", err)
		return
	}
	if err := a.sessions.RemovePending(ctx, r.ID); err != nil {
		a.log.WarnContext(ctx, "announced revocation still pending; it will be announced again",
			"revocation_id", r.ID, "error", err)
	}
}

// apply revokes what r names (again: revoking is idempotent).
func (a *Application) apply(ctx context.Context, r domain.Revocation) error {
	ids := r.Sessions
	if !r.ForUser() {
		ids = []string{r.SessionID}
	}
	var errs []error
	for _, id := range ids {
		if err := a.revoke(ctx, id, r.UserID, r.Reason); err != nil && !errors.Is(err, domain.ErrSessionNotFound) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Announce publishes the revocations left pending, every interval until
// ctx ends. Every replica runs it; a revocation announced twice is
// harmless.
func (a *Application) Announce(ctx context.Context, interval time.Duration) error {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
		a.AnnouncePending(ctx)
	}
}

// AnnouncePending applies and publishes every pending revocation older
// than announceGrace.
func (a *Application) AnnouncePending(ctx context.Context) {
	pending, err := a.sessions.Pending(ctx)
	if err != nil {
		a.log.WarnContext(ctx, "pending revocations cannot be read", "error", err)
		return
	}
	for _, r := range pending {
		if a.now().Sub(r.At) < announceGrace {
			continue
		}
		if err := a.apply(ctx, r); err != nil {
			a.log.WarnContext(ctx, "pending revocation not applied yet", "revocation_id", r.ID, "error", err)
			continue
		}
		a.announce(ctx, r)
	}
}
