package adapters

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/outbox"

	"github.com/taskrocket/taskrocket/services/priorities/app"
	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

type pgTx struct {
	db *gorm.DB
}

var _ app.Tx = (*pgTx)(nil)

func (t *pgTx) exec(ctx context.Context, what, query string, args ...any) error {
	if err := t.db.WithContext(ctx).Exec(query, args...).Error; err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func (t *pgTx) LockProject(ctx context.Context, projectID string) error {
	return t.exec(ctx, "lock project", `SELECT pg_advisory_xact_lock(hashtextextended('priorities:' || ?, 0))`, projectID)
}

func (t *pgTx) Loaded(ctx context.Context, projectID string) (bool, error) {
	return loaded(ctx, t.db, projectID)
}

func (t *pgTx) MarkLoaded(ctx context.Context, projectID string, at time.Time) error {
	return t.exec(ctx, "mark loaded", `INSERT INTO loaded_projects (project_id, loaded_at) VALUES (?, ?)
		ON CONFLICT (project_id) DO NOTHING`, projectID, at)
}

func (t *pgTx) Rules(ctx context.Context, projectID string) ([]domain.Rule, error) {
	return loadRules(ctx, t.db, projectID)
}

func (t *pgTx) InsertRule(ctx context.Context, r domain.Rule) error {
	return t.exec(ctx, "insert rule", `INSERT INTO rules (`+ruleColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ID, r.ProjectID, r.Position, string(r.Condition.Kind), r.Condition.Hours, r.Condition.Days, r.Condition.Value,
		string(r.Effect.Kind), int(r.Effect.Level), r.Version, r.CreatedBy, r.CreatedAt, r.UpdatedAt)
}

func (t *pgTx) UpdateRule(ctx context.Context, r domain.Rule) error {
	return t.exec(ctx, "update rule", `UPDATE rules SET condition_kind = ?, hours = ?, days = ?, value = ?,
		effect_kind = ?, level = ?, version = ?, updated_at = ? WHERE id = ?`,
		string(r.Condition.Kind), r.Condition.Hours, r.Condition.Days, r.Condition.Value,
		string(r.Effect.Kind), int(r.Effect.Level), r.Version, r.UpdatedAt, r.ID)
}

func (t *pgTx) DeleteRule(ctx context.Context, id string) error {
	return t.exec(ctx, "delete rule", `DELETE FROM rules WHERE id = ?`, id)
}

func (t *pgTx) SetRulePositions(ctx context.Context, ids []string) error {
	return t.exec(ctx, "order rules", `UPDATE rules SET position = o.n, version = version + 1
		FROM unnest(string_to_array(?, ',')::uuid[]) WITH ORDINALITY AS o(id, n) WHERE rules.id = o.id`,
		strings.Join(ids, ","))
}

func (t *pgTx) Task(ctx context.Context, id string) (app.Projected, bool, error) {
	return loadTask(ctx, t.db, id, true)
}

func (t *pgTx) OpenTasks(ctx context.Context, projectID string) ([]app.Projected, error) {
	return openTasks(ctx, t.db, projectID)
}

const upsertTask = `INSERT INTO projected_tasks (id, project_id, title, status, explicit, due_at, assignee_ids,
	category_id, tag_ids, position, updated_at, version, deleted, effective, reason, rule_id, sequence, next_eval_at)
	VALUES (?, ?, ?, ?, ?, ?, string_to_array(?, ','), ?, string_to_array(?, ','), ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func taskArgs(p app.Projected) []any {
	return []any{p.ID, p.ProjectID, p.Title, p.Status, int(p.Explicit), p.DueAt, strings.Join(p.AssigneeIDs, ","),
		p.CategoryID, strings.Join(p.TagIDs, ","), p.Position, p.UpdatedAt, p.Version, p.Deleted,
		int(p.Announced.Level), p.Announced.Reason, p.Announced.RuleID, p.Sequence, p.NextEvalAt}
}

func (t *pgTx) SaveTask(ctx context.Context, p app.Projected) error {
	return t.exec(ctx, "save task", upsertTask+` ON CONFLICT (id) DO UPDATE SET
		project_id = excluded.project_id, title = excluded.title, status = excluded.status, explicit = excluded.explicit,
		due_at = excluded.due_at, assignee_ids = excluded.assignee_ids, category_id = excluded.category_id,
		tag_ids = excluded.tag_ids, position = excluded.position, updated_at = excluded.updated_at,
		version = excluded.version, deleted = excluded.deleted, effective = excluded.effective,
		reason = excluded.reason, rule_id = excluded.rule_id, sequence = excluded.sequence,
		next_eval_at = excluded.next_eval_at`, taskArgs(p)...)
}

// loadRow is one task of a LoadTasks batch, as JSON.
type loadRow struct {
	ID         string     `json:"id"`
	ProjectID  string     `json:"project_id"`
	Title      string     `json:"title"`
	Status     string     `json:"status"`
	Explicit   int        `json:"explicit"`
	DueAt      *time.Time `json:"due_at"`
	Assignees  string     `json:"assignees"`
	CategoryID string     `json:"category_id"`
	Tags       string     `json:"tags"`
	Position   string     `json:"position"`
	UpdatedAt  time.Time  `json:"updated_at"`
	Version    int64      `json:"version"`
}

// loadBatch is how many tasks one statement of LoadTasks writes.
const loadBatch = 500

func (t *pgTx) LoadTasks(ctx context.Context, ts []domain.Task) error {
	for start := 0; start < len(ts); start += loadBatch {
		rows := make([]loadRow, 0, loadBatch)
		for _, task := range ts[start:min(start+loadBatch, len(ts))] {
			rows = append(rows, loadRow{ID: task.ID, ProjectID: task.ProjectID, Title: task.Title, Status: task.Status,
				Explicit: int(task.Explicit), DueAt: task.DueAt, Assignees: strings.Join(task.AssigneeIDs, ","),
				CategoryID: task.CategoryID, Tags: strings.Join(task.TagIDs, ","), Position: task.Position,
				UpdatedAt: task.UpdatedAt, Version: task.Version})
		}
		raw, err := json.Marshal(rows)
		if err != nil {
			return fmt.Errorf("load tasks: %w", err)
		}
		// A task held in a newer state, or deleted, keeps what it has.
		if err := t.exec(ctx, "load tasks", `INSERT INTO projected_tasks (id, project_id, title, status, explicit, due_at,
			assignee_ids, category_id, tag_ids, position, updated_at, version, effective)
			SELECT r.id, r.project_id, r.title, r.status, r.explicit, r.due_at, string_to_array(r.assignees, ','),
				r.category_id, string_to_array(r.tags, ','), r.position, r.updated_at, r.version, r.explicit
			FROM json_to_recordset(CAST(? AS json)) AS r(id uuid, project_id uuid, title text, status text, explicit smallint,
				due_at timestamptz, assignees text, category_id text, tags text, position text, updated_at timestamptz, version bigint)
			ON CONFLICT (id) DO UPDATE SET
			title = excluded.title, status = excluded.status, explicit = excluded.explicit, due_at = excluded.due_at,
			assignee_ids = excluded.assignee_ids, category_id = excluded.category_id, tag_ids = excluded.tag_ids,
			position = excluded.position, updated_at = excluded.updated_at, version = excluded.version
			WHERE NOT projected_tasks.deleted AND projected_tasks.version < excluded.version`, string(raw)); err != nil {
			return err
		}
	}
	return nil
}

func (t *pgTx) SaveEffective(ctx context.Context, p app.Projected) error {
	return t.exec(ctx, "save effective priority", `UPDATE projected_tasks SET effective = ?, reason = ?, rule_id = ?,
		sequence = ?, next_eval_at = ? WHERE id = ?`,
		int(p.Announced.Level), p.Announced.Reason, p.Announced.RuleID, p.Sequence, p.NextEvalAt, p.ID)
}

func (t *pgTx) DeleteProject(ctx context.Context, projectID string) ([]string, error) {
	var users []string
	if err := t.db.WithContext(ctx).Raw(`SELECT DISTINCT unnest(assignee_ids) FROM projected_tasks
		WHERE project_id = ? AND NOT deleted AND status <> 'done'`, projectID).Scan(&users).Error; err != nil {
		return nil, fmt.Errorf("project's assignees: %w", err)
	}
	for _, q := range []string{
		`DELETE FROM rules WHERE project_id = ?`,
		`DELETE FROM projected_tasks WHERE project_id = ?`,
		`DELETE FROM loaded_projects WHERE project_id = ?`,
	} {
		if err := t.exec(ctx, "delete project", q, projectID); err != nil {
			return nil, err
		}
	}
	return users, nil
}

func (t *pgTx) Append(ctx context.Context, evs ...events.Event) error {
	for _, ev := range evs {
		if err := outbox.Append(ctx, t.db, contracts.PubSub, contracts.TopicPriorities, ev); err != nil {
			return err
		}
	}
	return nil
}
