package adapters

import (
	"context"
	"fmt"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// Export implements app.Store (the primary key orders the pages).
func (s *Store) Export(ctx context.Context, after string, limit int) ([]domain.Project, error) {
	if after == "" {
		after = "00000000-0000-0000-0000-000000000000"
	}
	var rows []projectRow
	if err := s.db.WithContext(ctx).Where("id > ?", after).Order("id").Limit(limit).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("export projects: %w", err)
	}
	out := make([]domain.Project, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.domain())
	}
	return out, nil
}
