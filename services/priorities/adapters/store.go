package adapters

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/platform/outbox"

	"github.com/taskrocket/taskrocket/services/priorities/app"
	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

// Store is the Postgres store of rules and the task projection (app.Store).
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

// Loaded implements app.Store.
func (s *Store) Loaded(ctx context.Context, projectID string) (bool, error) {
	return loaded(ctx, s.db, projectID)
}

// Rules implements app.Store.
func (s *Store) Rules(ctx context.Context, projectID string) ([]domain.Rule, error) {
	return loadRules(ctx, s.db, projectID)
}

// RulesOf implements app.Store.
func (s *Store) RulesOf(ctx context.Context, projectIDs []string) (map[string][]domain.Rule, error) {
	out := map[string][]domain.Rule{}
	if len(projectIDs) == 0 {
		return out, nil
	}
	var rows []ruleRow
	if err := s.db.WithContext(ctx).Raw(`SELECT `+ruleColumns+` FROM rules WHERE project_id = ANY(string_to_array(?, ',')::uuid[])
		ORDER BY project_id, position`, strings.Join(projectIDs, ",")).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	for _, r := range rows {
		out[r.ProjectID] = append(out[r.ProjectID], r.domain())
	}
	return out, nil
}

// OpenTasks implements app.Store.
func (s *Store) OpenTasks(ctx context.Context, projectID string) ([]app.Projected, error) {
	return openTasks(ctx, s.db, projectID)
}

// nextUpOrder is next up's order (domain.Compare) on the stored
// effective priority; the index of migration 0002 serves it.
const nextUpOrder = ` ORDER BY effective DESC, COALESCE(due_at, 'infinity'::timestamptz), position, id`

// NextUp implements app.Store.
func (s *Store) NextUp(ctx context.Context, projectIDs []string, assignee string, limit int) ([]app.Projected, error) {
	switch {
	case len(projectIDs) == 0:
		return nil, nil
	case assignee == "" && len(projectIDs) == 1:
		return scanTasks(ctx, s.db, `SELECT `+taskColumns+` FROM projected_tasks
			WHERE project_id = ? AND NOT deleted AND status <> 'done'`+nextUpOrder+` LIMIT ?`, projectIDs[0], limit)
	case assignee == "":
		return scanTasks(ctx, s.db, `SELECT `+taskColumns+` FROM projected_tasks
			WHERE project_id = ANY(string_to_array(?, ',')::uuid[]) AND NOT deleted AND status <> 'done'`+nextUpOrder+` LIMIT ?`,
			strings.Join(projectIDs, ","), limit)
	}
	// The assignee's open tasks in order from projected_assignments
	// (migration 0003), then their rows.
	return scanTasks(ctx, s.db, `SELECT `+taskColumns+` FROM projected_tasks WHERE id IN (
		SELECT task_id FROM projected_assignments
		WHERE user_id = ? AND project_id = ANY(string_to_array(?, ',')::uuid[])
		ORDER BY effective DESC, due_key, position, task_id LIMIT ?)`+nextUpOrder, assignee, strings.Join(projectIDs, ","), limit)
}

// Unloaded implements app.Store.
func (s *Store) Unloaded(ctx context.Context, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var out []string
	if err := s.db.WithContext(ctx).Raw(`SELECT id::text FROM unnest(string_to_array(?, ',')::uuid[]) AS id
		WHERE NOT EXISTS (SELECT 1 FROM loaded_projects l WHERE l.project_id = id)`, strings.Join(ids, ",")).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("loaded projects: %w", err)
	}
	return out, nil
}

// Task implements app.Store.
func (s *Store) Task(ctx context.Context, id string) (app.Projected, bool, error) {
	p, found, err := loadTask(ctx, s.db, id, false)
	return p, found && !p.Deleted, err
}

// DueTasks implements app.Store.
func (s *Store) DueTasks(ctx context.Context, now time.Time, limit int) ([]app.Projected, *time.Time, error) {
	due, err := scanTasks(ctx, s.db, `SELECT `+taskColumns+` FROM projected_tasks
		WHERE next_eval_at IS NOT NULL AND next_eval_at <= ? ORDER BY next_eval_at LIMIT ?`, now, limit)
	if err != nil {
		return nil, nil, err
	}
	var next []time.Time
	if err := s.db.WithContext(ctx).Raw(`SELECT next_eval_at FROM projected_tasks
		WHERE next_eval_at > ? ORDER BY next_eval_at LIMIT 1`, now).Scan(&next).Error; err != nil {
		return nil, nil, fmt.Errorf("next evaluation: %w", err)
	}
	if len(next) == 0 {
		return due, nil, nil
	}
	at := next[0].UTC()
	return due, &at, nil
}

func loaded(ctx context.Context, db *gorm.DB, projectID string) (bool, error) {
	var n int64
	if err := db.WithContext(ctx).Raw(`SELECT count(*) FROM loaded_projects WHERE project_id = ?`, projectID).Scan(&n).Error; err != nil {
		return false, fmt.Errorf("loaded project: %w", err)
	}
	return n > 0, nil
}

func loadRules(ctx context.Context, db *gorm.DB, projectID string) ([]domain.Rule, error) {
	var rows []ruleRow
	if err := db.WithContext(ctx).Raw(`SELECT `+ruleColumns+` FROM rules WHERE project_id = ? ORDER BY position`, projectID).
		Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	out := make([]domain.Rule, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.domain())
	}
	return out, nil
}

func openTasks(ctx context.Context, db *gorm.DB, projectID string) ([]app.Projected, error) {
	return scanTasks(ctx, db, `SELECT `+taskColumns+` FROM projected_tasks
		WHERE project_id = ? AND NOT deleted AND status <> 'done'`, projectID)
}

func loadTask(ctx context.Context, db *gorm.DB, id string, lock bool) (app.Projected, bool, error) {
	q := `SELECT ` + taskColumns + ` FROM projected_tasks WHERE id = ?`
	if lock {
		q += ` FOR UPDATE`
	}
	ts, err := scanTasks(ctx, db, q, id)
	if err != nil || len(ts) == 0 {
		return app.Projected{}, false, err
	}
	return ts[0], true, nil
}

func scanTasks(ctx context.Context, db *gorm.DB, query string, args ...any) ([]app.Projected, error) {
	var rows []taskRow
	if err := db.WithContext(ctx).Raw(query, args...).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("load tasks: %w", err)
	}
	out := make([]app.Projected, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.app())
	}
	return out, nil
}
