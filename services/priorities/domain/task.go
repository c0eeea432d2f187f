package domain

import (
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// Task is what the rules look at, as the projection holds it.
type Task struct {
	ID          string
	ProjectID   string
	Title       string
	Status      string
	Explicit    Level
	DueAt       *time.Time
	AssigneeIDs []string
	CategoryID  string
	TagIDs      []string
	Position    string
	UpdatedAt   time.Time // the last change: where "idle for" counts from
	Version     int64
}

// Open reports whether the task is still to be done.
func (t Task) Open() bool { return t.Status != contracts.TaskDone }

// AssignedTo reports whether the user is one of the task's assignees.
func (t Task) AssignedTo(userID string) bool { return slices.Contains(t.AssigneeIDs, userID) }

// TaskFromContract converts the state an event carries. An unknown
// priority counts as none.
func TaskFromContract(c contracts.Task) Task {
	lvl, _ := ParseLevel(c.Priority)
	t := Task{
		ID: c.ID, ProjectID: c.ProjectID, Title: c.Title, Status: c.Status, Explicit: lvl,
		DueAt: c.DueAt, AssigneeIDs: slices.Clone(c.AssigneeIDs), TagIDs: slices.Clone(c.TagIDs),
		Position: c.Position, UpdatedAt: c.UpdatedAt.UTC(), Version: c.Version,
	}
	if c.CategoryID != nil {
		t.CategoryID = *c.CategoryID
	}
	if t.DueAt != nil {
		d := t.DueAt.UTC()
		t.DueAt = &d
	}
	if t.AssigneeIDs == nil {
		t.AssigneeIDs = []string{}
	}
	if t.TagIDs == nil {
		t.TagIDs = []string{}
	}
	return t
}
