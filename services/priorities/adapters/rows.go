package adapters

import (
	"strings"
	"time"

	"github.com/taskrocket/taskrocket/services/priorities/app"
	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

const ruleColumns = `id, project_id, position, condition_kind, hours, days, value, effect_kind, level,
	version, created_by, created_at, updated_at`

type ruleRow struct {
	ID            string
	ProjectID     string
	Position      int
	ConditionKind string
	Hours         int
	Days          int
	Value         string
	EffectKind    string
	Level         int
	Version       int64
	CreatedBy     string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

func (r ruleRow) domain() domain.Rule {
	return domain.Rule{
		ID: r.ID, ProjectID: r.ProjectID, Position: r.Position,
		Condition: domain.Condition{Kind: domain.ConditionKind(r.ConditionKind), Hours: r.Hours, Days: r.Days, Value: r.Value},
		Effect:    domain.Effect{Kind: domain.EffectKind(r.EffectKind), Level: domain.Level(r.Level)},
		Version:   r.Version, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

// Arrays travel as comma-joined text (ids hold no commas).
const taskColumns = `id, project_id, title, status, explicit, due_at, array_to_string(assignee_ids, ',') AS assignees,
	category_id, array_to_string(tag_ids, ',') AS tags, position, updated_at, version, deleted,
	effective, reason, rule_id, sequence, next_eval_at`

type taskRow struct {
	ID         string
	ProjectID  string
	Title      string
	Status     string
	Explicit   int
	DueAt      *time.Time
	Assignees  string
	CategoryID string
	Tags       string
	Position   string
	UpdatedAt  time.Time
	Version    int64
	Deleted    bool
	Effective  int
	Reason     string
	RuleID     string
	Sequence   int64
	NextEvalAt *time.Time
}

func (r taskRow) app() app.Projected {
	return app.Projected{
		Task: domain.Task{
			ID: r.ID, ProjectID: r.ProjectID, Title: r.Title, Status: r.Status, Explicit: domain.Level(r.Explicit),
			DueAt: utc(r.DueAt), AssigneeIDs: split(r.Assignees), CategoryID: r.CategoryID, TagIDs: split(r.Tags),
			Position: r.Position, UpdatedAt: r.UpdatedAt.UTC(), Version: r.Version,
		},
		Deleted:   r.Deleted,
		Announced: domain.Effective{Level: domain.Level(r.Effective), Reason: r.Reason, RuleID: r.RuleID},
		Sequence:  r.Sequence, NextEvalAt: utc(r.NextEvalAt),
	}
}

func split(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	v := t.UTC()
	return &v
}
