package app

import (
	"context"
	"errors"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apperr"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// ErrInvalidOccurrence refuses an occurrence without a key or a due date.
var ErrInvalidOccurrence = apperr.Invalid("invalid_occurrence", "an occurrence needs a key, a project, a creator and a due date")

// Occurrence is a task another service creates on a schedule (a recurring
// task's occurrence, from the calendar): a copy of SourceTaskID (title,
// description, priority, assignees, category, tags) or a new task titled
// Title, due at DueAt, created as CreatedBy, once per Key.
type Occurrence struct {
	Key          string
	ProjectID    string
	SourceTaskID string
	Title        string
	CreatedBy    string
	DueAt        time.Time
	Timezone     string
}

// CreateOccurrence creates the task of an occurrence, or returns the one
// created already for its key. The creator must still be able to write
// to the project, and a source task must be in it.
func (a *App) CreateOccurrence(ctx context.Context, o Occurrence) (domain.Task, error) {
	if o.Key == "" || o.ProjectID == "" || o.CreatedBy == "" || o.DueAt.IsZero() {
		return domain.Task{}, ErrInvalidOccurrence
	}
	due := o.DueAt.UTC().Format(time.RFC3339)
	in := domain.TaskInput{Title: o.Title, DueAt: &due}
	if o.Timezone != "" {
		in.Timezone = &o.Timezone
	}
	if id, ok := domain.ParseID(o.SourceTaskID); ok {
		src, err := a.Store.Task(ctx, id)
		if err != nil && !errors.Is(err, domain.ErrTaskNotFound) {
			return domain.Task{}, err
		}
		if err == nil && src.ProjectID == o.ProjectID {
			priority := src.Priority.String()
			in.Title, in.Description, in.Priority = src.Title, src.Description, &priority
			in.AssigneeIDs, in.TagIDs = src.AssigneeIDs, src.TagIDs
			if src.CategoryID != "" {
				in.CategoryID = &src.CategoryID
			}
		}
	}
	return a.createTask(ctx, o.CreatedBy, o.ProjectID, in, o.Key)
}
