package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// ConsumerUserDeleted names this service's handling of user.deleted in the
// inbox (processed_events).
const ConsumerUserDeleted = "projects.user-deleted"

// UserDeleted removes a deleted account from every project, once per
// event id. A project the user owned goes to its longest-standing
// participant, or is deleted when it has none; archived projects are
// handled alike (this is the system acting, not a member writing).
func (a *App) UserDeleted(ctx context.Context, eventID string, ev contracts.UserDeleted) error {
	uid, ok := domain.ParseID(ev.UserID)
	if !ok {
		return fmt.Errorf("user.deleted %s: malformed user id %q", eventID, ev.UserID)
	}
	actorID := uid
	if id, ok := domain.ParseID(ev.Actor.UserID); ok {
		actorID = id
	}
	return a.Store.Consume(ctx, ConsumerUserDeleted, eventID, func(tx Tx) error {
		// Memberships come in project id order, so two consumers lock
		// projects in the same order.
		memberships, err := tx.MembershipsOf(ctx, uid)
		if err != nil {
			return err
		}
		for _, listed := range memberships {
			p, err := tx.LockProject(ctx, listed.ProjectID)
			if errors.Is(err, domain.ErrProjectNotFound) {
				continue // deleted since the list was read
			}
			if err != nil {
				return err
			}
			// Read again under the lock: a transfer may have committed
			// since the list was read.
			m, ok, err := tx.Member(ctx, p.ID, uid)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			now := a.now()
			if m.Role == domain.RoleOwner {
				deleted, err := handOver(ctx, tx, &p, actorID, now)
				if err != nil {
					return err
				}
				if deleted {
					continue // its memberships went with it
				}
			}
			if err := removeMember(ctx, tx, m, actorID, contracts.MemberRemovedUserDeleted, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// handOver gives p to its longest-standing participant, or deletes it
// (deleted=true) when there is none. When the successor already owns a
// project with p's key, p's key gets the first free numeric suffix
// (announced as project.updated) rather than blocking the hand-over.
func handOver(ctx context.Context, tx Tx, p *domain.Project, actorID string, now time.Time) (deleted bool, err error) {
	members, err := tx.AllMembers(ctx, p.ID)
	if err != nil {
		return false, err
	}
	i := slices.IndexFunc(members, func(m domain.Member) bool { return m.Role == domain.RoleParticipant })
	if i < 0 {
		return true, deleteProject(ctx, tx, *p, actorID, now)
	}
	successor := members[i].UserID
	owned, err := tx.OwnedKeys(ctx, successor)
	if err != nil {
		return false, err
	}
	if slices.Contains(owned, p.Key) {
		before := *p
		p.Key, p.UpdatedAt = freeKey(p.Key, owned), now
		if err := tx.UpdateProject(ctx, *p, domain.FieldKey); err != nil {
			return false, err
		}
		if err := publish(ctx, tx, contracts.EventProjectUpdated, p.ID, func(v int64) any {
			return contracts.ProjectUpdated{
				Actor: actor(actorID), ProjectID: p.ID, ProjectVersion: v, Name: p.Name, Description: p.Description, Color: p.Color,
				Key: p.Key, Changed: []string{domain.FieldKey}, Previous: previousDetails(before, []string{domain.FieldKey}),
				OccurredAt: now,
			}
		}); err != nil {
			return false, err
		}
	}
	return false, transfer(ctx, tx, p, successor, actorID, now)
}

// freeKey returns key with the smallest numeric suffix not in taken,
// shortening key so that the result stays within 10 characters.
func freeKey(key string, taken []string) string {
	for n := 2; ; n++ {
		suffix := strconv.Itoa(n)
		base := key[:min(len(key), 10-len(suffix))]
		if c := base + suffix; !slices.Contains(taken, c) {
			return c
		}
	}
}
