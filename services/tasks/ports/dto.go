package ports

import (
	"encoding/json"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/tasks/app"
	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// Requests. Optional fields are pointers: absent (or null) means "not
// given". In a PATCH body the nullable fields use nullable, which also
// tells null (clear the value) from absent (leave it alone).

type positionRequest struct {
	AfterID  *string `json:"afterId"`
	BeforeID *string `json:"beforeId"`
}

type createTaskRequest struct {
	Title           string           `json:"title"`
	Description     string           `json:"description"`
	Status          *string          `json:"status"`
	Priority        *string          `json:"priority"`
	StartAt         *string          `json:"startAt"`
	DueAt           *string          `json:"dueAt"`
	Timezone        *string          `json:"timezone"`
	EstimateMinutes *int             `json:"estimateMinutes"`
	AssigneeIDs     []string         `json:"assigneeIds"`
	CategoryID      *string          `json:"categoryId"`
	TagIDs          []string         `json:"tagIds"`
	ParentID        *string          `json:"parentId"`
	Position        *positionRequest `json:"position"`
}

type updateTaskRequest struct {
	Title           *string          `json:"title"`
	Description     *string          `json:"description"`
	Status          *string          `json:"status"`
	Priority        *string          `json:"priority"`
	StartAt         nullable[string] `json:"startAt"`
	DueAt           nullable[string] `json:"dueAt"`
	Timezone        nullable[string] `json:"timezone"`
	EstimateMinutes *int             `json:"estimateMinutes"`
	AssigneeIDs     *[]string        `json:"assigneeIds"`
	CategoryID      nullable[string] `json:"categoryId"`
	TagIDs          *[]string        `json:"tagIds"`
	ParentID        nullable[string] `json:"parentId"`
	Position        *positionRequest `json:"position"`
}

type labelRequest struct {
	Name  string  `json:"name"`
	Color *string `json:"color"`
}

type labelPatchRequest struct {
	Name  *string `json:"name"`
	Color *string `json:"color"`
}

// nullable is a JSON field that may be absent, null or a value.
type nullable[T any] struct {
	set, null bool
	value     T
}

// UnmarshalJSON is called for present fields only, null included.
func (n *nullable[T]) UnmarshalJSON(b []byte) error {
	n.set = true
	if string(b) == "null" {
		n.null = true
		return nil
	}
	return json.Unmarshal(b, &n.value)
}

func (n nullable[T]) optional() domain.Optional[T] {
	return domain.Optional[T]{Set: n.set, Null: n.null, Value: n.value}
}

func (r *positionRequest) ref() *domain.PositionRef {
	if r == nil {
		return nil
	}
	return &domain.PositionRef{AfterID: str(r.AfterID), BeforeID: str(r.BeforeID)}
}

func (r createTaskRequest) input() domain.TaskInput {
	return domain.TaskInput{
		Title: r.Title, Description: r.Description, Status: r.Status, Priority: r.Priority, StartAt: r.StartAt,
		DueAt: r.DueAt, Timezone: r.Timezone, EstimateMinutes: r.EstimateMinutes, AssigneeIDs: r.AssigneeIDs,
		CategoryID: r.CategoryID, TagIDs: r.TagIDs, ParentID: r.ParentID, Position: r.Position.ref(),
	}
}

func (r updateTaskRequest) patch() domain.TaskPatch {
	return domain.TaskPatch{
		Title: r.Title, Description: r.Description, Status: r.Status, Priority: r.Priority,
		StartAt: r.StartAt.optional(), DueAt: r.DueAt.optional(), Timezone: r.Timezone.optional(),
		EstimateMinutes: r.EstimateMinutes, AssigneeIDs: r.AssigneeIDs, CategoryID: r.CategoryID.optional(),
		TagIDs: r.TagIDs, ParentID: r.ParentID.optional(), Position: r.Position.ref(),
	}
}

// Responses.

type statusCounts struct {
	Todo       int64 `json:"todo"`
	InProgress int64 `json:"in_progress"`
	Done       int64 `json:"done"`
}

// taskResponse is a task as the API shows it: its published form with its
// effective priority (equal to priority, with a null reason, while no
// priority rule changes it).
type taskResponse struct {
	contracts.Task
	EffectivePriority       string  `json:"effectivePriority"`
	EffectivePriorityReason *string `json:"effectivePriorityReason"`
}

func toTask(t domain.Task) taskResponse {
	out := taskResponse{Task: app.TaskSnapshot(t), EffectivePriority: t.Effective().String()}
	if t.EffectiveReason != "" {
		reason := t.EffectiveReason
		out.EffectivePriorityReason = &reason
	}
	return out
}

type taskListResponse struct {
	Items      []taskResponse `json:"items"`
	NextCursor string         `json:"nextCursor,omitempty"`
	Counts     *statusCounts  `json:"counts,omitempty"`
}

type labelResponse struct {
	ID        string    `json:"id"`
	ProjectID string    `json:"projectId"`
	Name      string    `json:"name"`
	Color     string    `json:"color"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

type labelListResponse struct {
	Items      []labelResponse `json:"items"`
	NextCursor string          `json:"nextCursor,omitempty"`
}

func toTaskList(p domain.TaskPage) taskListResponse {
	out := taskListResponse{Items: make([]taskResponse, len(p.Items))}
	for i, t := range p.Items {
		out.Items[i] = toTask(t)
	}
	if p.Next != nil {
		out.NextCursor = encodeTaskCursor(*p.Next)
	}
	if p.Counts != nil {
		out.Counts = &statusCounts{
			Todo: p.Counts[domain.StatusTodo], InProgress: p.Counts[domain.StatusInProgress], Done: p.Counts[domain.StatusDone],
		}
	}
	return out
}

func toLabel(l domain.Label) labelResponse {
	return labelResponse{ID: l.ID, ProjectID: l.ProjectID, Name: l.Name, Color: l.Color,
		CreatedAt: l.CreatedAt.UTC(), UpdatedAt: l.UpdatedAt.UTC()}
}

func toLabelList(p domain.LabelPage) labelListResponse {
	out := labelListResponse{Items: make([]labelResponse, len(p.Items))}
	for i, l := range p.Items {
		out.Items[i] = toLabel(l)
	}
	if p.Next != nil {
		out.NextCursor = encodeLabelCursor(*p.Next)
	}
	return out
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
