package adapters

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/platform/outbox"

	"github.com/taskrocket/taskrocket/services/tasks/app"
	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// Store is the Postgres store of tasks, categories and tags (app.Store).
type Store struct {
	db *gorm.DB
}

// NewStore returns the store.
func NewStore(db *gorm.DB) *Store { return &Store{db: db} }

var _ app.Store = (*Store)(nil)

// InTx implements app.Store.
func (s *Store) InTx(ctx context.Context, fn func(tx app.Tx) error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(&pgTx{db: tx})
	})
}

// Consume implements app.Store with the platform's inbox.
func (s *Store) Consume(ctx context.Context, consumer, eventID string, fn func(tx app.Tx) error) error {
	return outbox.Consume(ctx, s.db, consumer, eventID, func(tx *gorm.DB) error {
		return fn(&pgTx{db: tx})
	})
}

// Task implements app.Store.
func (s *Store) Task(ctx context.Context, id string) (domain.Task, error) {
	return loadTask(ctx, s.db, id, false)
}

func loadTask(ctx context.Context, db *gorm.DB, id string, lock bool) (domain.Task, error) {
	query := `SELECT ` + taskColumns + ` FROM tasks t WHERE t.id = ?`
	if lock {
		query += ` FOR UPDATE OF t`
	}
	var rows []taskRow
	if err := db.WithContext(ctx).Raw(query, id).Scan(&rows).Error; err != nil {
		return domain.Task{}, fmt.Errorf("load task: %w", err)
	}
	if len(rows) == 0 {
		return domain.Task{}, domain.ErrTaskNotFound
	}
	return rows[0].domain(), nil
}

// SetEffective implements app.Store.
func (s *Store) SetEffective(ctx context.Context, ch app.EffectiveChange) error {
	var level *int16
	var reason *string
	if ch.Priority != nil {
		l := int16(*ch.Priority)
		level, reason = &l, &ch.Reason
	}
	if err := s.db.WithContext(ctx).Exec(`UPDATE tasks SET rule_priority = ?, effective_reason = ?, effective_sequence = ?
		WHERE id = ? AND effective_sequence < ?`, level, reason, ch.Sequence, ch.TaskID, ch.Sequence).Error; err != nil {
		return fmt.Errorf("set effective priority: %w", err)
	}
	return nil
}

// Labels implements app.Store: a page ordered by the name as the
// database lower-cases it (the unique index), then id.
func (s *Store) Labels(ctx context.Context, kind domain.LabelKind, projectID string, after *domain.LabelCursor, limit int) (domain.LabelPage, error) {
	query := `SELECT id, project_id, name, lower(name) AS name_key, color, created_by, created_at, updated_at
		FROM ` + labelTable(kind) + ` WHERE project_id = ?`
	args := []any{projectID}
	if after != nil {
		query += ` AND (lower(name), id) > (?, ?)`
		args = append(args, after.NameKey, after.ID)
	}
	query += ` ORDER BY lower(name), id LIMIT ?`
	args = append(args, limit+1)
	var rows []labelRow
	if err := s.db.WithContext(ctx).Raw(query, args...).Scan(&rows).Error; err != nil {
		return domain.LabelPage{}, fmt.Errorf("list %s: %w", labelTable(kind), err)
	}
	page := domain.LabelPage{Items: make([]domain.Label, 0, min(len(rows), limit))}
	for i, r := range rows {
		if i == limit {
			last := rows[limit-1]
			page.Next = &domain.LabelCursor{NameKey: last.NameKey, ID: last.ID}
			break
		}
		page.Items = append(page.Items, r.domain(kind))
	}
	return page, nil
}
