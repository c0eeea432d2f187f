package adapters

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

type feedTokenRow struct {
	ID         string
	UserID     string
	Name       string
	TokenHash  []byte
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

func (feedTokenRow) TableName() string { return "feed_tokens" }

func (r feedTokenRow) domain() domain.FeedToken {
	return domain.FeedToken{ID: r.ID, UserID: r.UserID, Name: r.Name, Hash: r.TokenHash, CreatedAt: r.CreatedAt,
		LastUsedAt: r.LastUsedAt, RevokedAt: r.RevokedAt}
}

// InsertFeedToken stores a feed token (its hash), or answers
// domain.ErrTooManyFeedTokens when the user holds MaxFeedTokens
// unrevoked ones. The user's tokens are counted under a lock on the
// user, so two concurrent creations cannot both pass the count.
func (s *Store) InsertFeedToken(ctx context.Context, t domain.FeedToken) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "feed_tokens:"+t.UserID).Error; err != nil {
			return fmt.Errorf("lock feed tokens: %w", err)
		}
		var n int64
		if err := tx.Model(&feedTokenRow{}).Where("user_id = ? AND revoked_at IS NULL", t.UserID).Count(&n).Error; err != nil {
			return fmt.Errorf("count feed tokens: %w", err)
		}
		if n >= domain.MaxFeedTokens {
			return domain.ErrTooManyFeedTokens
		}
		row := feedTokenRow{ID: t.ID, UserID: t.UserID, Name: t.Name, TokenHash: t.Hash, CreatedAt: t.CreatedAt}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("insert feed token: %w", err)
		}
		return nil
	})
}

// FeedTokens are the user's unrevoked feed tokens, newest first.
func (s *Store) FeedTokens(ctx context.Context, userID string) ([]domain.FeedToken, error) {
	var rows []feedTokenRow
	if err := s.db.WithContext(ctx).Where("user_id = ? AND revoked_at IS NULL", userID).
		Order("created_at DESC, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load feed tokens: %w", err)
	}
	out := make([]domain.FeedToken, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// UseFeedToken returns the unrevoked token with this hash and records
// its use, or answers domain.ErrFeedTokenInvalid.
func (s *Store) UseFeedToken(ctx context.Context, hash []byte, at time.Time) (domain.FeedToken, error) {
	if len(hash) == 0 {
		return domain.FeedToken{}, domain.ErrFeedTokenInvalid
	}
	var rows []feedTokenRow
	err := s.db.WithContext(ctx).Model(&rows).Clauses(clause.Returning{}).
		Where("token_hash = ? AND revoked_at IS NULL", hash).
		Update("last_used_at", at).Error
	if err != nil {
		return domain.FeedToken{}, fmt.Errorf("use feed token: %w", err)
	}
	if len(rows) == 0 {
		return domain.FeedToken{}, domain.ErrFeedTokenInvalid
	}
	return rows[0].domain(), nil
}

// RevokeFeedToken revokes one of the user's tokens, or answers
// domain.ErrFeedTokenNotFound (also for another user's, or one revoked
// already).
func (s *Store) RevokeFeedToken(ctx context.Context, userID, id string, at time.Time) error {
	res := s.db.WithContext(ctx).Model(&feedTokenRow{}).
		Where("id = ? AND user_id = ? AND revoked_at IS NULL", id, userID).
		Update("revoked_at", at)
	if res.Error != nil {
		return fmt.Errorf("revoke feed token: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return domain.ErrFeedTokenNotFound
	}
	return nil
}
