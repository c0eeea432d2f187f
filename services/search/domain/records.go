// Package domain holds what the search service knows of other contexts'
// objects (records, each at the version of the event that last changed
// it), how a task or project becomes a search document, and what a query
// may ask.
package domain

import (
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// Task is what the service holds of a task: the state the latest event
// announced, at that event's source version. A deleted task stays as a
// tombstone so that a late or redelivered event cannot bring it back.
type Task struct {
	ID          string     `json:"id"`
	ProjectID   string     `json:"projectId"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Status      string     `json:"status"`
	Priority    string     `json:"priority"`
	StartAt     *time.Time `json:"startAt,omitempty"`
	DueAt       *time.Time `json:"dueAt,omitempty"`
	AssigneeIDs []string   `json:"assigneeIds,omitempty"`
	CategoryID  string     `json:"categoryId,omitempty"`
	TagIDs      []string   `json:"tagIds,omitempty"`
	UpdatedAt   time.Time  `json:"updatedAt"`
	Version     int64      `json:"version"`
	Deleted     bool       `json:"deleted,omitempty"`
}

// TaskFromContract is a task as an event or an export carries it.
func TaskFromContract(t contracts.Task) Task {
	task := Task{
		ID: t.ID, ProjectID: t.ProjectID, Title: t.Title, Description: t.Description, Status: t.Status,
		Priority: t.Priority, StartAt: t.StartAt, DueAt: t.DueAt, AssigneeIDs: t.AssigneeIDs,
		TagIDs: t.TagIDs, UpdatedAt: t.UpdatedAt, Version: t.Version,
	}
	if t.CategoryID != nil {
		task.CategoryID = *t.CategoryID
	}
	return task
}

// Supersedes reports whether an announced state (next) is to replace the
// held one: only a newer source version does, and nothing replaces a
// deletion.
func (t Task) Supersedes(held Task, exists bool) bool {
	if !exists {
		return true
	}
	return !held.Deleted && t.Version > held.Version
}

// Without removes id from ids (a tag deleted, a member removed) and
// reports whether it was there.
func Without(ids []string, id string) ([]string, bool) {
	i := slices.Index(ids, id)
	if i < 0 {
		return ids, false
	}
	return slices.Delete(slices.Clone(ids), i, i+1), true
}

// Comment is a comment on a task, at its source version.
type Comment struct {
	ID        string `json:"id"`
	TaskID    string `json:"taskId"`
	ProjectID string `json:"projectId"`
	Body      string `json:"body"`
	Version   int64  `json:"version"`
	Deleted   bool   `json:"deleted,omitempty"`
}

// Supersedes is Task.Supersedes for comments; a deletion (whose event
// carries no version) supersedes any state.
func (c Comment) Supersedes(held Comment, exists bool) bool {
	return !exists || (!held.Deleted && (c.Deleted || c.Version > held.Version))
}

// Project is a project's name and key, at its source version.
type Project struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Key         string `json:"key"`
	Description string `json:"description"`
	Archived    bool   `json:"archived,omitempty"`
	Version     int64  `json:"version"`
	Deleted     bool   `json:"deleted,omitempty"`
}

// Supersedes is Task.Supersedes for projects.
func (p Project) Supersedes(held Project, exists bool) bool {
	return !exists || (!held.Deleted && p.Version > held.Version)
}

// Label kinds.
const (
	KindTag      = "tag"
	KindCategory = "category"
)

// Label is a tag or a category. Their events carry no version, so the
// time the change happened orders them.
type Label struct {
	ID        string    `json:"id"`
	ProjectID string    `json:"projectId"`
	Kind      string    `json:"kind"`
	Name      string    `json:"name"`
	At        time.Time `json:"at"`
	Deleted   bool      `json:"deleted,omitempty"`
}

// Supersedes is Task.Supersedes for labels, ordered by time.
func (l Label) Supersedes(held Label, exists bool) bool {
	return !exists || (!held.Deleted && l.At.After(held.At))
}

// User is a person's names, as their latest event says, ordered by time.
type User struct {
	ID          string    `json:"id"`
	Username    string    `json:"username"`
	DisplayName string    `json:"displayName"`
	At          time.Time `json:"at"`
	Deleted     bool      `json:"deleted,omitempty"`
}

// Supersedes is Label.Supersedes for users.
func (u User) Supersedes(held User, exists bool) bool {
	return !exists || (!held.Deleted && u.At.After(held.At))
}
