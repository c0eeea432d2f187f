package adapters

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/outbox"

	"github.com/taskrocket/taskrocket/services/projects/app"
	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// Store is the Postgres store of projects and members (app.Store).
type Store struct {
	reader
}

// NewStore returns the store.
func NewStore(db *gorm.DB) *Store { return &Store{reader{db: db}} }

var _ app.Store = (*Store)(nil)

// InTx implements app.Store.
func (s *Store) InTx(ctx context.Context, fn func(app.Tx) error) error {
	return s.db.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		return fn(tx{reader{db: db}})
	})
}

// Snapshot implements app.Store: one read-only repeatable-read
// transaction, so the members are those of the version read.
func (s *Store) Snapshot(ctx context.Context, projectID string) (domain.Project, []domain.Member, error) {
	var (
		p       domain.Project
		members []domain.Member
	)
	err := s.db.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		var row projectRow
		err := db.Where("id = ?", projectID).Take(&row).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			return domain.ErrProjectNotFound
		case err != nil:
			return fmt.Errorf("load project: %w", err)
		}
		p = row.domain()
		members, err = tx{reader{db: db}}.AllMembers(ctx, projectID)
		return err
	}, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	return p, members, err
}

// Consume implements app.Store with the shared inbox table.
func (s *Store) Consume(ctx context.Context, consumer, eventID string, fn func(app.Tx) error) error {
	return outbox.Consume(ctx, s.db, consumer, eventID, func(db *gorm.DB) error {
		return fn(tx{reader{db: db}})
	})
}

// tx is app.Tx on one database transaction.
type tx struct {
	reader
}

var _ app.Tx = tx{}

// LockProject implements app.Tx.
func (t tx) LockProject(ctx context.Context, projectID string) (domain.Project, error) {
	var row projectRow
	err := t.db.WithContext(ctx).Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate}).
		Where("id = ?", projectID).Take(&row).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return domain.Project{}, domain.ErrProjectNotFound
	case err != nil:
		return domain.Project{}, fmt.Errorf("lock project: %w", err)
	}
	return row.domain(), nil
}

// Member implements app.Tx.
func (t tx) Member(ctx context.Context, projectID, userID string) (domain.Member, bool, error) {
	var rows []memberRow
	if err := t.db.WithContext(ctx).Where("project_id = ? AND user_id = ?", projectID, userID).Limit(1).Find(&rows).Error; err != nil {
		return domain.Member{}, false, fmt.Errorf("load member: %w", err)
	}
	if len(rows) == 0 {
		return domain.Member{}, false, nil
	}
	return rows[0].domain(), true, nil
}

// AllMembers implements app.Tx.
func (t tx) AllMembers(ctx context.Context, projectID string) ([]domain.Member, error) {
	var rows []memberRow
	if err := t.db.WithContext(ctx).Where("project_id = ?", projectID).Order("joined_at, user_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list members: %w", err)
	}
	return toMembers(rows), nil
}

// MembershipsOf implements app.Tx.
func (t tx) MembershipsOf(ctx context.Context, userID string) ([]domain.Member, error) {
	var rows []memberRow
	if err := t.db.WithContext(ctx).Where("user_id = ?", userID).Order("project_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list memberships: %w", err)
	}
	return toMembers(rows), nil
}

// OwnedKeys implements app.Tx.
func (t tx) OwnedKeys(ctx context.Context, userID string) ([]string, error) {
	var keys []string
	if err := t.db.WithContext(ctx).Model(&projectRow{}).Where("owner_id = ?", userID).Pluck("key", &keys).Error; err != nil {
		return nil, fmt.Errorf("owned keys: %w", err)
	}
	return keys, nil
}

// CreateProject implements app.Tx.
func (t tx) CreateProject(ctx context.Context, p domain.Project, owner domain.Member) error {
	row := toProjectRow(p)
	if err := t.db.WithContext(ctx).Create(&row).Error; err != nil {
		return keyTaken(fmt.Errorf("create project: %w", err))
	}
	return t.AddMember(ctx, owner)
}

// UpdateProject implements app.Tx.
func (t tx) UpdateProject(ctx context.Context, p domain.Project, fields ...string) error {
	cols := map[string]any{"updated_at": p.UpdatedAt}
	for _, f := range fields {
		switch f {
		case domain.FieldName:
			cols["name"] = p.Name
		case domain.FieldDescription:
			cols["description"] = p.Description
		case domain.FieldColor:
			cols["color"] = p.Color
		case domain.FieldKey:
			cols["key"] = p.Key
		case app.ColumnOwner:
			cols["owner_id"] = p.OwnerID
		case app.ColumnArchived:
			cols["archived_at"] = p.ArchivedAt
		default:
			return fmt.Errorf("update project: unknown field %q", f)
		}
	}
	res := t.db.WithContext(ctx).Model(&projectRow{}).Where("id = ?", p.ID).Updates(cols)
	switch {
	case res.Error != nil:
		return keyTaken(fmt.Errorf("update project: %w", res.Error))
	case res.RowsAffected == 0:
		return domain.ErrProjectNotFound
	}
	return nil
}

// DeleteProject implements app.Tx; members go by cascade.
func (t tx) DeleteProject(ctx context.Context, projectID string) error {
	if err := t.db.WithContext(ctx).Where("id = ?", projectID).Delete(&projectRow{}).Error; err != nil {
		return fmt.Errorf("delete project: %w", err)
	}
	return nil
}

// AddMember implements app.Tx.
func (t tx) AddMember(ctx context.Context, m domain.Member) error {
	row := memberRow{ProjectID: m.ProjectID, UserID: m.UserID, Role: m.Role, JoinedAt: m.JoinedAt}
	res := t.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
	switch {
	case res.Error != nil:
		return fmt.Errorf("add member: %w", res.Error)
	case res.RowsAffected == 0:
		return domain.ErrAlreadyMember
	}
	return nil
}

// RemoveMember implements app.Tx.
func (t tx) RemoveMember(ctx context.Context, projectID, userID string) error {
	res := t.db.WithContext(ctx).Where("project_id = ? AND user_id = ?", projectID, userID).Delete(&memberRow{})
	switch {
	case res.Error != nil:
		return fmt.Errorf("remove member: %w", res.Error)
	case res.RowsAffected == 0:
		return domain.ErrMemberNotFound
	}
	return nil
}

// SetRole implements app.Tx. The one-owner index is checked per
// statement: demote the old owner before promoting the new one.
func (t tx) SetRole(ctx context.Context, projectID, userID, role string) error {
	res := t.db.WithContext(ctx).Model(&memberRow{}).Where("project_id = ? AND user_id = ?", projectID, userID).
		Update("role", role)
	switch {
	case res.Error != nil:
		return fmt.Errorf("set role: %w", res.Error)
	case res.RowsAffected == 0:
		return domain.ErrMemberNotFound
	}
	return nil
}

// NextVersion implements app.Tx.
func (t tx) NextVersion(ctx context.Context, projectID string) (int64, error) {
	var versions []int64
	err := t.db.WithContext(ctx).Raw("UPDATE projects SET version = version + 1 WHERE id = ? RETURNING version",
		projectID).Scan(&versions).Error
	switch {
	case err != nil:
		return 0, fmt.Errorf("next project version: %w", err)
	case len(versions) == 0:
		return 0, domain.ErrProjectNotFound
	}
	return versions[0], nil
}

// Publish implements app.Tx.
func (t tx) Publish(ctx context.Context, ev events.Event) error {
	return outbox.Append(ctx, t.db, contracts.PubSub, contracts.TopicProjects, ev)
}

// keyTaken turns a violation of projects_owner_key into domain.ErrKeyTaken.
func keyTaken(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == "projects_owner_key" {
		return domain.ErrKeyTaken
	}
	return err
}
