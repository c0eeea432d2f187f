package adapters

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/outbox"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// pgTx is app.Tx on one gorm transaction.
type pgTx struct {
	db *gorm.DB
}

func (t *pgTx) Task(ctx context.Context, id string, lock bool) (domain.Task, error) {
	return loadTask(ctx, t.db, id, lock)
}

// LockProjectTree takes a transaction-scoped advisory lock named after the
// project (advisory locks are per database, so only this service's keys
// share the space).
func (t *pgTx) LockProjectTree(ctx context.Context, projectID string) error {
	if err := t.db.WithContext(ctx).Exec(`SELECT pg_advisory_xact_lock(hashtextextended('tasks.tree:' || ?, 0))`, projectID).Error; err != nil {
		return fmt.Errorf("lock task tree: %w", err)
	}
	return nil
}

func (t *pgTx) IsAncestor(ctx context.Context, ancestorID, taskID string) (bool, error) {
	var found bool
	err := t.db.WithContext(ctx).Raw(`
		WITH RECURSIVE up (id, parent_id) AS (
			SELECT id, parent_id FROM tasks WHERE id = ?
			UNION
			SELECT p.id, p.parent_id FROM tasks p JOIN up ON p.id = up.parent_id
		)
		SELECT EXISTS (SELECT 1 FROM up WHERE id = ?)`, taskID, ancestorID).Scan(&found).Error
	if err != nil {
		return false, fmt.Errorf("walk up the task tree: %w", err)
	}
	return found, nil
}

func (t *pgTx) Subtree(ctx context.Context, taskID string) ([]domain.Task, error) {
	var rows []taskRow
	err := t.db.WithContext(ctx).Raw(`
		WITH RECURSIVE down (id, depth) AS (
			SELECT id, 0 FROM tasks WHERE id = ?
			UNION
			SELECT c.id, down.depth + 1 FROM tasks c JOIN down ON c.parent_id = down.id
		)
		SELECT `+taskColumns+` FROM tasks t JOIN down ON down.id = t.id
		ORDER BY down.depth, t.id`, taskID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("walk down the task tree: %w", err)
	}
	out := make([]domain.Task, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

func (t *pgTx) LabelsExist(ctx context.Context, kind domain.LabelKind, projectID string, ids []string) (bool, error) {
	var n int
	err := t.db.WithContext(ctx).Raw(`SELECT count(*) FROM `+labelTable(kind)+` WHERE project_id = ? AND id = ANY(`+uuidsParam+`)`,
		projectID, uuidArray(ids)).Scan(&n).Error
	if err != nil {
		return false, fmt.Errorf("check %s: %w", labelTable(kind), err)
	}
	return n == len(ids), nil
}

func (t *pgTx) PositionOf(ctx context.Context, projectID, taskID string) (string, error) {
	var keys []string
	err := t.db.WithContext(ctx).Raw(`SELECT position FROM tasks WHERE project_id = ? AND id = ?`, projectID, taskID).
		Scan(&keys).Error
	switch {
	case err != nil:
		return "", fmt.Errorf("task position: %w", err)
	case len(keys) == 0:
		return "", domain.ErrInvalidPosition
	}
	return keys[0], nil
}

// excludeTask matches every task but the one named ("" for none).
const excludeTask = `id IS DISTINCT FROM CAST(NULLIF(?, '') AS uuid)`

func (t *pgTx) NextPosition(ctx context.Context, projectID, key, excludeID string) (string, error) {
	return t.neighbor(ctx, `SELECT position FROM tasks WHERE project_id = ? AND position > ? AND `+excludeTask+`
		ORDER BY position LIMIT 1`, projectID, key, excludeID)
}

func (t *pgTx) PrevPosition(ctx context.Context, projectID, key, excludeID string) (string, error) {
	if key == "" {
		return t.neighbor(ctx, `SELECT position FROM tasks WHERE project_id = ? AND `+excludeTask+`
			ORDER BY position DESC LIMIT 1`, projectID, excludeID)
	}
	return t.neighbor(ctx, `SELECT position FROM tasks WHERE project_id = ? AND position < ? AND `+excludeTask+`
		ORDER BY position DESC LIMIT 1`, projectID, key, excludeID)
}

func (t *pgTx) neighbor(ctx context.Context, query string, args ...any) (string, error) {
	var keys []string
	if err := t.db.WithContext(ctx).Raw(query, args...).Scan(&keys).Error; err != nil {
		return "", fmt.Errorf("neighbouring position: %w", err)
	}
	if len(keys) == 0 {
		return "", nil
	}
	return keys[0], nil
}

func (t *pgTx) InsertTask(ctx context.Context, task domain.Task) error {
	db := t.db.WithContext(ctx)
	err := db.Exec(`INSERT INTO tasks (id, project_id, parent_id, title, description, status, priority, start_at, due_at,
			timezone, estimate_minutes, category_id, position, done_at, version, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		task.ID, task.ProjectID, nullable(task.ParentID), task.Title, task.Description, string(task.Status), int16(task.Priority),
		task.StartAt, task.DueAt, nullable(task.Timezone), task.EstimateMinutes, nullable(task.CategoryID), task.Position,
		task.DoneAt, task.Version, task.CreatedBy, task.CreatedAt, task.UpdatedAt).Error
	if err != nil {
		return mapConstraint(err, "insert task")
	}
	if err := t.addAssignees(ctx, task, task.AssigneeIDs); err != nil {
		return err
	}
	return t.addTags(ctx, task, task.TagIDs)
}

func (t *pgTx) addAssignees(ctx context.Context, task domain.Task, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	err := t.db.WithContext(ctx).Exec(`INSERT INTO task_assignees (task_id, user_id, project_id)
		SELECT ?, u, ? FROM unnest(`+uuidsParam+`) AS u`, task.ID, task.ProjectID, uuidArray(ids)).Error
	return mapConstraint(err, "add assignees")
}

func (t *pgTx) addTags(ctx context.Context, task domain.Task, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	err := t.db.WithContext(ctx).Exec(`INSERT INTO task_tags (task_id, tag_id, project_id)
		SELECT ?, g, ? FROM unnest(`+uuidsParam+`) AS g`, task.ID, task.ProjectID, uuidArray(ids)).Error
	if err != nil {
		return mapConstraint(err, "add tags")
	}
	return nil
}

// taskColumn maps a changed field to its column and new value; assignees
// and tags live in their own tables.
func taskColumn(field string, t domain.Task) (string, any, bool) {
	switch field {
	case domain.FieldTitle:
		return "title", t.Title, true
	case domain.FieldDescription:
		return "description", t.Description, true
	case domain.FieldStatus:
		return "status", string(t.Status), true
	case domain.FieldPriority:
		return "priority", int16(t.Priority), true
	case domain.FieldStartAt:
		return "start_at", t.StartAt, true
	case domain.FieldDueAt:
		return "due_at", t.DueAt, true
	case domain.FieldTimezone:
		return "timezone", nullable(t.Timezone), true
	case domain.FieldEstimateMinutes:
		return "estimate_minutes", t.EstimateMinutes, true
	case domain.FieldCategoryID:
		return "category_id", nullable(t.CategoryID), true
	case domain.FieldParentID:
		return "parent_id", nullable(t.ParentID), true
	case domain.FieldPosition:
		return "position", t.Position, true
	case domain.FieldDoneAt:
		return "done_at", t.DoneAt, true
	}
	return "", nil, false
}

func (t *pgTx) UpdateTask(ctx context.Context, task domain.Task, changed []string) error {
	cols := map[string]any{"version": task.Version, "updated_at": task.UpdatedAt}
	for _, f := range changed {
		if name, value, ok := taskColumn(f, task); ok {
			cols[name] = value
		}
	}
	db := t.db.WithContext(ctx)
	if err := db.Table("tasks").Where("id = ?", task.ID).Updates(cols).Error; err != nil {
		return mapConstraint(err, "update task")
	}
	if slices.Contains(changed, domain.FieldAssigneeIDs) {
		if err := db.Exec(`DELETE FROM task_assignees WHERE task_id = ?`, task.ID).Error; err != nil {
			return fmt.Errorf("replace assignees: %w", err)
		}
		if err := t.addAssignees(ctx, task, task.AssigneeIDs); err != nil {
			return err
		}
	}
	if slices.Contains(changed, domain.FieldTagIDs) {
		if err := db.Exec(`DELETE FROM task_tags WHERE task_id = ?`, task.ID).Error; err != nil {
			return fmt.Errorf("replace tags: %w", err)
		}
		return t.addTags(ctx, task, task.TagIDs)
	}
	return nil
}

func (t *pgTx) DeleteTasks(ctx context.Context, ids []string) error {
	if err := t.db.WithContext(ctx).Exec(`DELETE FROM tasks WHERE id = ANY(`+uuidsParam+`)`, uuidArray(ids)).Error; err != nil {
		return fmt.Errorf("delete tasks: %w", err)
	}
	return nil
}

func (t *pgTx) UnassignUser(ctx context.Context, projectID, userID string, now time.Time) ([]domain.Task, error) {
	var rows []taskRow
	err := t.db.WithContext(ctx).Raw(`
		WITH gone AS (
			DELETE FROM task_assignees WHERE project_id = ? AND user_id = ? RETURNING task_id
		)
		UPDATE tasks SET version = version + 1, updated_at = ?
		WHERE id IN (SELECT task_id FROM gone)
		RETURNING id, project_id, title, version, updated_at`, projectID, userID, now).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("unassign user: %w", err)
	}
	out := make([]domain.Task, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	slices.SortFunc(out, func(a, b domain.Task) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

func (t *pgTx) DeleteProject(ctx context.Context, projectID string) error {
	db := t.db.WithContext(ctx)
	for _, q := range []string{
		`DELETE FROM tasks WHERE project_id = ?`, // assignees, tags and subtasks by cascade
		`DELETE FROM categories WHERE project_id = ?`,
		`DELETE FROM tags WHERE project_id = ?`,
	} {
		if err := db.Exec(q, projectID).Error; err != nil {
			return fmt.Errorf("delete project data: %w", err)
		}
	}
	return nil
}

func (t *pgTx) Append(ctx context.Context, evs ...events.Event) error {
	for _, ev := range evs {
		if err := outbox.Append(ctx, t.db, contracts.PubSub, contracts.TopicTasks, ev); err != nil {
			return err
		}
	}
	return nil
}

// ClaimOccurrenceKey implements app.Tx: the insert waits for a concurrent
// transaction holding the same key, so only one of them creates the task.
func (t *pgTx) ClaimOccurrenceKey(ctx context.Context, key, taskID string, at time.Time) (string, error) {
	var existing []string
	err := t.db.WithContext(ctx).Raw(`
		INSERT INTO occurrence_keys (key, task_id, created_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO NOTHING RETURNING task_id`, key, taskID, at).Scan(&existing).Error
	if err != nil {
		return "", fmt.Errorf("claim occurrence key: %w", err)
	}
	if len(existing) == 1 {
		return "", nil
	}
	if err := t.db.WithContext(ctx).Raw(`SELECT task_id FROM occurrence_keys WHERE key = ?`, key).Scan(&existing).Error; err != nil {
		return "", fmt.Errorf("read occurrence key: %w", err)
	}
	if len(existing) == 0 {
		return "", fmt.Errorf("occurrence key %q vanished", key)
	}
	return existing[0], nil
}
