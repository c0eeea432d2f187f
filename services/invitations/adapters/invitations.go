package adapters

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/outbox"

	"github.com/taskrocket/taskrocket/services/invitations/app"
	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// invitationRow is the invitations table as gorm sees it.
type invitationRow struct {
	ID                string `gorm:"primaryKey"`
	ProjectID         string
	ProjectName       string
	InviteeUserID     *string
	AddressedBy       string
	InviteeUsername   string
	InviteeEmail      string
	Role              string
	Message           string
	Status            string
	InvitedBy         string
	InvitedByUsername string
	CreatedAt         time.Time
	ExpiresAt         time.Time
	UpdatedAt         time.Time
	DecidedAt         *time.Time
	DecidedBy         *string
	Reason            string
}

func (invitationRow) TableName() string { return "invitations" }

func toRow(inv domain.Invitation) invitationRow {
	return invitationRow{
		ID: inv.ID, ProjectID: inv.ProjectID, ProjectName: inv.ProjectName,
		InviteeUserID: nullable(inv.Invitee.UserID), AddressedBy: inv.Invitee.AddressedBy,
		InviteeUsername: inv.Invitee.Username, InviteeEmail: inv.Invitee.Email,
		Role: inv.Role, Message: inv.Message, Status: string(inv.Status),
		InvitedBy: inv.InvitedBy, InvitedByUsername: inv.InvitedByUsername,
		CreatedAt: inv.CreatedAt, ExpiresAt: inv.ExpiresAt, UpdatedAt: inv.UpdatedAt,
		DecidedAt: inv.DecidedAt, DecidedBy: nullable(inv.DecidedBy), Reason: inv.Reason,
	}
}

func (r invitationRow) domain() domain.Invitation {
	inv := domain.Invitation{
		ID: r.ID, ProjectID: r.ProjectID, ProjectName: r.ProjectName,
		Invitee: domain.Invitee{UserID: deref(r.InviteeUserID), AddressedBy: r.AddressedBy,
			Username: r.InviteeUsername, Email: r.InviteeEmail},
		Role: r.Role, Message: r.Message, Status: domain.Status(r.Status),
		InvitedBy: r.InvitedBy, InvitedByUsername: r.InvitedByUsername,
		CreatedAt: r.CreatedAt.UTC(), ExpiresAt: r.ExpiresAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
		DecidedBy: deref(r.DecidedBy), Reason: r.Reason,
	}
	if r.DecidedAt != nil {
		t := r.DecidedAt.UTC()
		inv.DecidedAt = &t
	}
	return inv
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Invitations is the Postgres store of invitations (app.Invitations).
type Invitations struct {
	db *gorm.DB
}

// NewInvitations returns the store.
func NewInvitations(db *gorm.DB) *Invitations { return &Invitations{db: db} }

var _ app.Invitations = (*Invitations)(nil)

// Create implements app.Invitations. A pending invitation of the same
// invitee to the same project makes the insert a no-op (ON CONFLICT on the
// partial unique index invitations_pending_invitee_key; ids are fresh UUIDv7s, so no
// other unique key can conflict), reported as invitation_pending without
// an error in the database log.
func (s *Invitations) Create(ctx context.Context, inv domain.Invitation, ev events.Event) error {
	row := toRow(inv)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
		switch {
		case res.Error != nil:
			return res.Error
		case res.RowsAffected == 0:
			return domain.ErrInvitationPending
		}
		return outbox.Append(ctx, tx, contracts.PubSub, contracts.TopicInvitations, ev)
	})
	if errors.Is(err, domain.ErrInvitationPending) {
		return err
	}
	if err != nil {
		return fmt.Errorf("create invitation: %w", err)
	}
	return nil
}

// ByID implements app.Invitations.
func (s *Invitations) ByID(ctx context.Context, id string) (domain.Invitation, error) {
	key, err := uuid.Parse(id)
	if err != nil {
		return domain.Invitation{}, domain.ErrInvitationNotFound
	}
	return s.take(s.db.WithContext(ctx), key.String())
}

func (s *Invitations) take(db *gorm.DB, id string) (domain.Invitation, error) {
	var row invitationRow
	err := db.Where("id = ?", id).Take(&row).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return domain.Invitation{}, domain.ErrInvitationNotFound
	case err != nil:
		return domain.Invitation{}, fmt.Errorf("load invitation: %w", err)
	}
	return row.domain(), nil
}

// Update implements app.Invitations: the row is locked (SELECT ... FOR
// UPDATE) while change runs.
func (s *Invitations) Update(ctx context.Context, id string, change app.Change) (domain.Invitation, error) {
	key, err := uuid.Parse(id)
	if err != nil {
		return domain.Invitation{}, domain.ErrInvitationNotFound
	}
	var out domain.Invitation
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		inv, err := s.take(tx.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate}), key.String())
		if err != nil {
			return err
		}
		ev, err := change(&inv)
		if err != nil {
			return err
		}
		out = inv
		if ev == nil {
			return nil
		}
		return decide(ctx, tx, inv, *ev)
	})
	if err != nil {
		return domain.Invitation{}, err
	}
	return out, nil
}

// decide writes the decision recorded in inv (which was pending when
// locked) and the event announcing it. Only the columns a decision changes
// are written.
func decide(ctx context.Context, tx *gorm.DB, inv domain.Invitation, ev events.Event) error {
	if inv.Status == domain.StatusPending || inv.DecidedAt == nil {
		return fmt.Errorf("invitation %s: no decision to write", inv.ID)
	}
	res := tx.Model(&invitationRow{}).Where("id = ? AND status = ?", inv.ID, domain.StatusPending).Updates(map[string]any{
		"status":          string(inv.Status),
		"decided_at":      *inv.DecidedAt,
		"decided_by":      nullable(inv.DecidedBy),
		"reason":          inv.Reason,
		"invitee_user_id": nullable(inv.Invitee.UserID),
		"updated_at":      inv.UpdatedAt,
	})
	switch {
	case res.Error != nil:
		return fmt.Errorf("decide invitation %s: %w", inv.ID, res.Error)
	case res.RowsAffected != 1:
		return fmt.Errorf("decide invitation %s: it was not pending", inv.ID)
	}
	return outbox.Append(ctx, tx, contracts.PubSub, contracts.TopicInvitations, ev)
}
