package adapters

import (
	"context"
	"fmt"
	"time"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// Categories and tags inside a transaction (app.Tx).

func (t *pgTx) Label(ctx context.Context, kind domain.LabelKind, projectID, id string, lock bool) (domain.Label, error) {
	query := `SELECT id, project_id, name, color, created_by, created_at, updated_at FROM ` + labelTable(kind) +
		` WHERE project_id = ? AND id = ?`
	if lock {
		query += ` FOR UPDATE`
	}
	var rows []labelRow
	if err := t.db.WithContext(ctx).Raw(query, projectID, id).Scan(&rows).Error; err != nil {
		return domain.Label{}, fmt.Errorf("load %s: %w", kind, err)
	}
	if len(rows) == 0 {
		return domain.Label{}, kind.NotFound()
	}
	return rows[0].domain(kind), nil
}

func (t *pgTx) InsertLabel(ctx context.Context, l domain.Label) error {
	err := t.db.WithContext(ctx).Exec(`INSERT INTO `+labelTable(l.Kind)+
		` (id, project_id, name, color, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		l.ID, l.ProjectID, l.Name, l.Color, l.CreatedBy, l.CreatedAt, l.UpdatedAt).Error
	if err != nil {
		return mapConstraint(err, "insert "+string(l.Kind))
	}
	return nil
}

func (t *pgTx) UpdateLabel(ctx context.Context, l domain.Label, changed []string) error {
	cols := map[string]any{"updated_at": l.UpdatedAt}
	for _, f := range changed {
		switch f {
		case domain.FieldName:
			cols["name"] = l.Name
		case domain.FieldColor:
			cols["color"] = l.Color
		}
	}
	err := t.db.WithContext(ctx).Table(labelTable(l.Kind)).Where("id = ? AND project_id = ?", l.ID, l.ProjectID).
		Updates(cols).Error
	if err != nil {
		return mapConstraint(err, "update "+string(l.Kind))
	}
	return nil
}

// DeleteLabel runs with the label locked (Label with lock): a task write
// that names it either committed before (and is detached here) or waits
// for this transaction and then fails its foreign key check.
func (t *pgTx) DeleteLabel(ctx context.Context, l domain.Label, now time.Time) (int, error) {
	db := t.db.WithContext(ctx)
	var detached int64
	if l.Kind == domain.Category {
		res := db.Exec(`UPDATE tasks SET category_id = NULL, version = version + 1, updated_at = ?
			WHERE category_id = ? AND project_id = ?`, now, l.ID, l.ProjectID)
		if res.Error != nil {
			return 0, fmt.Errorf("detach category: %w", res.Error)
		}
		detached = res.RowsAffected
	} else {
		res := db.Exec(`WITH gone AS (DELETE FROM task_tags WHERE tag_id = ? RETURNING task_id)
			UPDATE tasks SET version = version + 1, updated_at = ? WHERE id IN (SELECT task_id FROM gone)`, l.ID, now)
		if res.Error != nil {
			return 0, fmt.Errorf("detach tag: %w", res.Error)
		}
		detached = res.RowsAffected
	}
	if err := db.Exec(`DELETE FROM `+labelTable(l.Kind)+` WHERE id = ?`, l.ID).Error; err != nil {
		return 0, fmt.Errorf("delete %s: %w", l.Kind, err)
	}
	return int(detached), nil
}
