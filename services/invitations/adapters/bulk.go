package adapters

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/taskrocket/taskrocket/services/platform/outbox"

	"github.com/taskrocket/taskrocket/services/invitations/app"
)

// ExpireDue implements app.Invitations. Rows locked by another transaction
// (another replica's worker, a request deciding the invitation) are
// skipped rather than waited for, so no expiry is announced twice.
func (s *Invitations) ExpireDue(ctx context.Context, now time.Time, limit int, expire app.Transition) (int, error) {
	n := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []invitationRow
		if err := tx.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate, Options: clause.LockingOptionsSkipLocked}).
			Where("status = 'pending' AND expires_at <= ?", now).Order("expires_at, id").Limit(limit).
			Find(&rows).Error; err != nil {
			return fmt.Errorf("find overdue invitations: %w", err)
		}
		var err error
		n, err = apply(ctx, tx, rows, expire)
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// CancelPendingOfProject implements app.Invitations.
func (s *Invitations) CancelPendingOfProject(ctx context.Context, consumer, eventID, projectID string, cancel app.Transition) (int, error) {
	n := 0
	err := outbox.Consume(ctx, s.db, consumer, eventID, func(tx *gorm.DB) error {
		var rows []invitationRow
		if err := tx.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate}).
			Where("project_id = ? AND status = 'pending'", projectID).Order("created_at, id").
			Find(&rows).Error; err != nil {
			return fmt.Errorf("find pending invitations of project %s: %w", projectID, err)
		}
		var err error
		n, err = apply(ctx, tx, rows, cancel)
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// AttachAccount implements app.Invitations.
func (s *Invitations) AttachAccount(ctx context.Context, consumer, eventID, userID, email string, duplicate app.Transition) (int, error) {
	n := 0
	err := outbox.Consume(ctx, s.db, consumer, eventID, func(tx *gorm.DB) error {
		var rows []invitationRow
		if err := tx.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate}).
			Where("status = 'pending' AND invitee_user_id IS NULL AND invitee_email = ?", email).Order("created_at, id").
			Find(&rows).Error; err != nil {
			return fmt.Errorf("find invitations sent to a new account's address: %w", err)
		}
		for _, r := range rows {
			var taken int64
			if err := tx.Model(&invitationRow{}).Where("project_id = ? AND invitee_user_id = ? AND status = 'pending'",
				r.ProjectID, userID).Count(&taken).Error; err != nil {
				return fmt.Errorf("find pending invitations of user %s: %w", userID, err)
			}
			if taken > 0 {
				if _, err := apply(ctx, tx, []invitationRow{r}, duplicate); err != nil {
					return err
				}
				continue
			}
			if err := tx.Model(&invitationRow{}).Where("id = ? AND status = 'pending'", r.ID).Updates(map[string]any{
				"invitee_user_id": userID,
				"updated_at":      gorm.Expr("now()"),
			}).Error; err != nil {
				return fmt.Errorf("attach invitation %s to user %s: %w", r.ID, userID, err)
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// apply runs transition on each locked row and writes the decisions and
// their events.
func apply(ctx context.Context, tx *gorm.DB, rows []invitationRow, transition app.Transition) (int, error) {
	for i, r := range rows {
		inv := r.domain()
		ev, err := transition(&inv)
		if err != nil {
			return i, fmt.Errorf("invitation %s: %w", inv.ID, err)
		}
		if err := decide(ctx, tx, inv, ev); err != nil {
			return i, err
		}
	}
	return len(rows), nil
}
