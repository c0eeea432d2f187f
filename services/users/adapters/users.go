package adapters

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/outbox"

	"github.com/taskrocket/taskrocket/services/users/app"
	"github.com/taskrocket/taskrocket/services/users/domain"
)

// userRow is the users table as gorm sees it.
type userRow struct {
	ID           string `gorm:"primaryKey"`
	Email        string
	Username     string
	DisplayName  string
	PasswordHash string
	Timezone     string
	Locale       string
	AvatarURL    string
	CreatedAt    time.Time
	UpdatedAt    time.Time
	DeletedAt    *time.Time
}

func (userRow) TableName() string { return "users" }

func (r userRow) domain() domain.User {
	return domain.User{
		ID: r.ID, Email: r.Email, Username: r.Username, DisplayName: r.DisplayName, PasswordHash: r.PasswordHash,
		Timezone: r.Timezone, Locale: r.Locale, AvatarURL: r.AvatarURL, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

// column maps a field a Change reports to its column and new value.
func column(field string, u domain.User) (string, any, bool) {
	switch field {
	case domain.FieldDisplayName:
		return "display_name", u.DisplayName, true
	case domain.FieldTimezone:
		return "timezone", u.Timezone, true
	case domain.FieldLocale:
		return "locale", u.Locale, true
	case domain.FieldAvatarURL:
		return "avatar_url", u.AvatarURL, true
	case domain.FieldPassword:
		return "password_hash", u.PasswordHash, true
	}
	return "", nil, false
}

// Users is the Postgres store of accounts (app.Users).
type Users struct {
	db *gorm.DB
}

// NewUsers returns the store.
func NewUsers(db *gorm.DB) *Users { return &Users{db: db} }

var _ app.Users = (*Users)(nil)

// Create implements app.Users.
func (s *Users) Create(ctx context.Context, u domain.User, ev events.Event) error {
	row := userRow{
		ID: u.ID, Email: u.Email, Username: u.Username, DisplayName: u.DisplayName, PasswordHash: u.PasswordHash,
		Timezone: u.Timezone, Locale: u.Locale, AvatarURL: u.AvatarURL, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt,
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return outbox.Append(ctx, tx, contracts.PubSub, contracts.TopicUsers, ev)
	})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		switch pgErr.ConstraintName {
		case "users_email_live_key":
			return domain.ErrEmailTaken
		case "users_username_live_key":
			return domain.ErrUsernameTaken
		}
	}
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	return nil
}

// ByID implements app.Users.
func (s *Users) ByID(ctx context.Context, id string) (domain.User, error) {
	uid, err := uuid.Parse(id)
	if err != nil {
		return domain.User{}, domain.ErrUserNotFound
	}
	return s.first(ctx, s.db.WithContext(ctx), "id = ?", uid.String())
}

// ByIDs implements app.Users.
func (s *Users) ByIDs(ctx context.Context, ids []string) ([]domain.User, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []userRow
	if err := s.db.WithContext(ctx).Where("id IN ? AND deleted_at IS NULL", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load users: %w", err)
	}
	out := make([]domain.User, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// ByUsername implements app.Users.
func (s *Users) ByUsername(ctx context.Context, username string) (domain.User, error) {
	return s.first(ctx, s.db.WithContext(ctx), "username = ?", username)
}

// ByEmail implements app.Users.
func (s *Users) ByEmail(ctx context.Context, email string) (domain.User, error) {
	return s.first(ctx, s.db.WithContext(ctx), "email = ?", email)
}

func (s *Users) first(ctx context.Context, db *gorm.DB, where string, arg any) (domain.User, error) {
	var row userRow
	err := db.WithContext(ctx).Where(where, arg).Where("deleted_at IS NULL").Take(&row).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return domain.User{}, domain.ErrUserNotFound
	case err != nil:
		return domain.User{}, fmt.Errorf("load user: %w", err)
	}
	return row.domain(), nil
}

// Update implements app.Users: the row is locked (SELECT ... FOR UPDATE)
// while change runs, and only the columns of the fields it names are
// written.
func (s *Users) Update(ctx context.Context, id string, change app.Change) (domain.User, error) {
	uid, err := uuid.Parse(id)
	if err != nil {
		return domain.User{}, domain.ErrUserNotFound
	}
	var out domain.User
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		u, err := s.first(ctx, tx.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate}), "id = ?", uid.String())
		if err != nil {
			return err
		}
		fields, ev, err := change(&u)
		if err != nil {
			return err
		}
		out = u
		if len(fields) == 0 {
			return nil
		}
		cols := map[string]any{"updated_at": u.UpdatedAt}
		for _, f := range fields {
			name, value, ok := column(f, u)
			if !ok {
				return fmt.Errorf("update user: unknown field %q", f)
			}
			cols[name] = value
		}
		if err := tx.Model(&userRow{}).Where("id = ? AND deleted_at IS NULL", u.ID).Updates(cols).Error; err != nil {
			return fmt.Errorf("update user: %w", err)
		}
		if ev == nil {
			return nil
		}
		return outbox.Append(ctx, tx, contracts.PubSub, contracts.TopicUsers, *ev)
	})
	if err != nil {
		return domain.User{}, err
	}
	return out, nil
}

// Delete implements app.Users. The row stays (its id may be referenced by
// other services' history) with tombstones instead of personal data.
func (s *Users) Delete(ctx context.Context, id string, ev events.Event) error {
	uid, err := uuid.Parse(id)
	if err != nil {
		return domain.ErrUserNotFound
	}
	id = uid.String()
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := time.Now().UTC()
		res := tx.Model(&userRow{}).Where("id = ? AND deleted_at IS NULL", id).Updates(map[string]any{
			"email":         id + "@deleted.invalid",
			"username":      "deleted-" + id,
			"display_name":  "Deleted user",
			"password_hash": "",
			"avatar_url":    "",
			"updated_at":    now,
			"deleted_at":    now,
		})
		switch {
		case res.Error != nil:
			return fmt.Errorf("delete user: %w", res.Error)
		case res.RowsAffected == 0:
			return domain.ErrUserNotFound
		}
		if err := tx.Exec(`DELETE FROM login_attempts WHERE account_key = ?`, id).Error; err != nil {
			return fmt.Errorf("delete user: attempts: %w", err)
		}
		if err := tx.Exec(`DELETE FROM login_known_addresses WHERE account_key = ?`, id).Error; err != nil {
			return fmt.Errorf("delete user: known addresses: %w", err)
		}
		return outbox.Append(ctx, tx, contracts.PubSub, contracts.TopicUsers, ev)
	})
}
