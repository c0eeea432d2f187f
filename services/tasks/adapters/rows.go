package adapters

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// uuidArray is a Postgres uuid[] in its text form ("{a,b}"): uuids need
// no quoting. Bound as a parameter it is one value (gorm would expand a
// plain slice into a list), written in SQL as uuidsParam.
type uuidArray []string

// uuidsParam is the placeholder of a uuidArray parameter.
const uuidsParam = "CAST(? AS text)::uuid[]"

// Value implements driver.Valuer.
func (a uuidArray) Value() (driver.Value, error) {
	return "{" + strings.Join(a, ",") + "}", nil
}

// Scan implements sql.Scanner for a uuid[] selected as text.
func (a *uuidArray) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*a = nil
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("uuid array: cannot scan %T", src)
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	if s == "" {
		*a = []string{}
		return nil
	}
	*a = strings.Split(s, ",")
	return nil
}

// taskColumns are the columns of a task row, with its assignees and tags
// (sorted) as arrays; t is the tasks table's alias.
const taskColumns = `t.id, t.project_id, t.parent_id, t.title, t.description, t.status, t.priority,
	t.start_at, t.due_at, t.timezone, t.estimate_minutes, t.category_id, t.position, t.done_at,
	t.version, t.created_by, t.created_at, t.updated_at, t.effective_priority, COALESCE(t.effective_reason, '') AS effective_reason,
	ARRAY(SELECT a.user_id FROM task_assignees a WHERE a.task_id = t.id ORDER BY a.user_id)::text AS assignee_ids,
	ARRAY(SELECT g.tag_id FROM task_tags g WHERE g.task_id = t.id ORDER BY g.tag_id)::text AS tag_ids`

// taskRow is a task as selected with taskColumns.
type taskRow struct {
	ID              string
	ProjectID       string
	ParentID        *string
	Title           string
	Description     string
	Status          string
	Priority        int16
	StartAt         *time.Time
	DueAt           *time.Time
	Timezone        *string
	EstimateMinutes int
	CategoryID      *string
	Position        string
	DoneAt          *time.Time
	Version         int64
	CreatedBy       string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	AssigneeIDs     uuidArray
	TagIDs          uuidArray
	// EffectivePriority and EffectiveReason come from the priorities service.
	EffectivePriority int16
	EffectiveReason   string
}

func (r taskRow) domain() domain.Task {
	return domain.Task{
		ID: r.ID, ProjectID: r.ProjectID, ParentID: deref(r.ParentID), Title: r.Title, Description: r.Description,
		Status: domain.Status(r.Status), Priority: domain.Priority(r.Priority), StartAt: utc(r.StartAt), DueAt: utc(r.DueAt),
		Timezone: deref(r.Timezone), EstimateMinutes: r.EstimateMinutes, AssigneeIDs: nonNil(r.AssigneeIDs),
		CategoryID: deref(r.CategoryID), TagIDs: nonNil(r.TagIDs), Position: r.Position, DoneAt: utc(r.DoneAt),
		Version: r.Version, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
		EffectivePriority: domain.Priority(r.EffectivePriority), EffectiveReason: r.EffectiveReason,
	}
}

// labelRow is a category or tag row, with the key lists are ordered by.
type labelRow struct {
	ID        string
	ProjectID string
	Name      string
	NameKey   string
	Color     string
	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (r labelRow) domain(kind domain.LabelKind) domain.Label {
	return domain.Label{
		Kind: kind, ID: r.ID, ProjectID: r.ProjectID, Name: r.Name, Color: r.Color, CreatedBy: r.CreatedBy,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

// labelTable is the table of a label kind (never from client input).
func labelTable(kind domain.LabelKind) string {
	if kind == domain.Category {
		return "categories"
	}
	return "tags"
}

// mapConstraint turns the violations the schema reports by name into the
// errors clients see; anything else is wrapped as is.
func mapConstraint(err error, what string) error {
	if err == nil {
		return nil
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.ConstraintName {
		case "categories_name_key":
			return domain.ErrCategoryNameTaken
		case "tags_name_key":
			return domain.ErrTagNameTaken
		case "tasks_parent_fkey", "tasks_not_own_parent":
			return domain.ErrInvalidParent
		case "tasks_category_fkey":
			return domain.ErrInvalidCategory
		case "task_tags_tag_fkey":
			return domain.ErrInvalidTag
		}
	}
	return fmt.Errorf("%s: %w", what, err)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}
