package adapters

import (
	"context"
	"fmt"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// ExportTasks implements app.Store (the primary key orders the pages).
func (s *Store) ExportTasks(ctx context.Context, after string, limit int) ([]domain.Task, error) {
	query := `SELECT ` + taskColumns + ` FROM tasks t WHERE t.id > ? ORDER BY t.id LIMIT ?`
	var rows []taskRow
	if err := s.db.WithContext(ctx).Raw(query, afterUUID(after), limit).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("export tasks: %w", err)
	}
	out := make([]domain.Task, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.domain())
	}
	return out, nil
}

// ExportLabels implements app.Store: categories and tags in one id order.
func (s *Store) ExportLabels(ctx context.Context, after string, limit int) ([]domain.Label, error) {
	query := `SELECT * FROM (
		SELECT id, project_id, name, 'category' AS kind FROM categories WHERE id > ?
		UNION ALL
		SELECT id, project_id, name, 'tag' AS kind FROM tags WHERE id > ?
	) l ORDER BY id LIMIT ?`
	var rows []struct {
		ID, ProjectID, Name, Kind string
	}
	a := afterUUID(after)
	if err := s.db.WithContext(ctx).Raw(query, a, a, limit).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("export labels: %w", err)
	}
	out := make([]domain.Label, 0, len(rows))
	for _, r := range rows {
		kind := domain.Tag
		if r.Kind == "category" {
			kind = domain.Category
		}
		out = append(out, domain.Label{Kind: kind, ID: r.ID, ProjectID: r.ProjectID, Name: r.Name})
	}
	return out, nil
}

// afterUUID is the lowest UUID for the first page.
func afterUUID(after string) string {
	if after == "" {
		return "00000000-0000-0000-0000-000000000000"
	}
	return after
}
