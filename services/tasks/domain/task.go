// Package domain holds the rules of the tasks context: what a valid task,
// category and tag is, how a task changes, manual order keys, and how
// lists are filtered, sorted and paged. It does no I/O.
package domain

import (
	"slices"
	"time"
)

// Status is where a task stands.
type Status string

// Statuses, in board order.
const (
	StatusTodo       Status = "todo"
	StatusInProgress Status = "in_progress"
	StatusDone       Status = "done"
)

// Statuses lists every status in board order.
var Statuses = []Status{StatusTodo, StatusInProgress, StatusDone}

// ParseStatus reads a status name.
func ParseStatus(s string) (Status, bool) {
	st := Status(s)
	return st, slices.Contains(Statuses, st)
}

// Priority is stored as an ordinal so that lists sort by it.
type Priority int16

// Priorities, lowest first.
const (
	PriorityNone Priority = iota
	PriorityLow
	PriorityMedium
	PriorityHigh
	PriorityUrgent
)

var priorityNames = [...]string{"none", "low", "medium", "high", "urgent"}

// ParsePriority reads a priority name.
func ParsePriority(s string) (Priority, bool) {
	i := slices.Index(priorityNames[:], s)
	return Priority(i), i >= 0
}

func (p Priority) String() string {
	if p < 0 || int(p) >= len(priorityNames) {
		return "none"
	}
	return priorityNames[p]
}

// Names of task fields, as clients send them; task.updated lists them.
const (
	FieldTitle           = "title"
	FieldDescription     = "description"
	FieldStatus          = "status"
	FieldPriority        = "priority"
	FieldStartAt         = "startAt"
	FieldDueAt           = "dueAt"
	FieldTimezone        = "timezone"
	FieldEstimateMinutes = "estimateMinutes"
	FieldAssigneeIDs     = "assigneeIds"
	FieldCategoryID      = "categoryId"
	FieldTagIDs          = "tagIds"
	FieldParentID        = "parentId"
	FieldPosition        = "position"
	FieldDoneAt          = "doneAt"
)

// Task is one task of a project. Optional ids and the time zone are ""
// when unset; assignee and tag ids are sorted.
type Task struct {
	ID              string
	ProjectID       string
	ParentID        string
	Title           string
	Description     string
	Status          Status
	Priority        Priority
	StartAt         *time.Time
	DueAt           *time.Time
	Timezone        string
	EstimateMinutes int
	AssigneeIDs     []string
	CategoryID      string
	TagIDs          []string
	Position        string
	DoneAt          *time.Time
	Version         int64
	CreatedBy       string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	// EffectivePriority is Priority as the project's priority rules
	// change it (the priorities service tells), EffectiveReason why ("" when
	// no rule changes it).
	EffectivePriority Priority
	EffectiveReason   string
}

// Effective is the task's effective priority: the explicit one while no
// priority rule changes it.
func (t Task) Effective() Priority {
	if t.EffectiveReason == "" {
		return t.Priority
	}
	return t.EffectivePriority
}

// PositionRef says where to put a task in the manual order: right after
// AfterID, right before BeforeID, or between both. Neither means at the
// end.
type PositionRef struct {
	AfterID  string
	BeforeID string
}

// NewTask builds a task from checked fields; position is its order key.
func NewTask(id, projectID, createdBy string, f TaskFields, position string, now time.Time) Task {
	t := Task{
		ID: id, ProjectID: projectID, ParentID: f.ParentID, Title: f.Title, Description: f.Description,
		Status: f.Status, Priority: f.Priority, StartAt: f.StartAt, DueAt: f.DueAt, Timezone: f.Timezone,
		EstimateMinutes: f.EstimateMinutes, AssigneeIDs: f.AssigneeIDs, CategoryID: f.CategoryID, TagIDs: f.TagIDs,
		Position: position, Version: 1, CreatedBy: createdBy, CreatedAt: now, UpdatedAt: now,
	}
	if t.Status == StatusDone {
		t.DoneAt = &now
	}
	return t
}

// Apply makes the changes to t and returns the fields whose value changed
// (doneAt included when the status enters or leaves done). position, when
// not "", is the task's new order key. A change that leaves every field
// as it was returns no fields and leaves the version alone; otherwise the
// version is incremented.
func (t *Task) Apply(c TaskChanges, position string, now time.Time) ([]string, error) {
	var changed []string
	set := func(field string, differs bool, apply func()) {
		if differs {
			apply()
			changed = append(changed, field)
		}
	}
	if c.Title != nil {
		set(FieldTitle, *c.Title != t.Title, func() { t.Title = *c.Title })
	}
	if c.Description != nil {
		set(FieldDescription, *c.Description != t.Description, func() { t.Description = *c.Description })
	}
	if c.Status != nil {
		set(FieldStatus, *c.Status != t.Status, func() { t.Status = *c.Status })
	}
	if c.Priority != nil {
		set(FieldPriority, *c.Priority != t.Priority, func() { t.Priority = *c.Priority })
	}
	if c.StartAt.Set {
		v := c.StartAt.Ptr()
		set(FieldStartAt, !sameTime(v, t.StartAt), func() { t.StartAt = v })
	}
	if c.DueAt.Set {
		v := c.DueAt.Ptr()
		set(FieldDueAt, !sameTime(v, t.DueAt), func() { t.DueAt = v })
	}
	if c.Timezone.Set {
		set(FieldTimezone, c.Timezone.Value != t.Timezone, func() { t.Timezone = c.Timezone.Value })
	}
	if c.EstimateMinutes != nil {
		set(FieldEstimateMinutes, *c.EstimateMinutes != t.EstimateMinutes, func() { t.EstimateMinutes = *c.EstimateMinutes })
	}
	if c.AssigneeIDs != nil {
		set(FieldAssigneeIDs, !slices.Equal(*c.AssigneeIDs, t.AssigneeIDs), func() { t.AssigneeIDs = *c.AssigneeIDs })
	}
	if c.CategoryID.Set {
		set(FieldCategoryID, c.CategoryID.Value != t.CategoryID, func() { t.CategoryID = c.CategoryID.Value })
	}
	if c.TagIDs != nil {
		set(FieldTagIDs, !slices.Equal(*c.TagIDs, t.TagIDs), func() { t.TagIDs = *c.TagIDs })
	}
	if c.ParentID.Set {
		set(FieldParentID, c.ParentID.Value != t.ParentID, func() { t.ParentID = c.ParentID.Value })
	}
	if position != "" {
		set(FieldPosition, position != t.Position, func() { t.Position = position })
	}
	if t.StartAt != nil && t.DueAt != nil && t.StartAt.After(*t.DueAt) {
		return nil, FieldErrors{FieldDueAt: ProblemBeforeStart}.Err()
	}
	switch {
	case t.Status == StatusDone && t.DoneAt == nil:
		t.DoneAt = &now
		changed = append(changed, FieldDoneAt)
	case t.Status != StatusDone && t.DoneAt != nil:
		t.DoneAt = nil
		changed = append(changed, FieldDoneAt)
	}
	if len(changed) > 0 {
		t.Version++
		t.UpdatedAt = now
	}
	return changed, nil
}

// Added returns the ids in after that are not in before (both sorted).
func Added(before, after []string) []string {
	var out []string
	for _, id := range after {
		if _, found := slices.BinarySearch(before, id); !found {
			out = append(out, id)
		}
	}
	return out
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}
