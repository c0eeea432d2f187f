// Package app holds the use cases of the tasks service. It depends on the
// small interfaces declared here, implemented by adapters: the Postgres
// store (one transaction per change, events in the same transaction) and
// the projects service (membership, answered by the service's membership
// view).
package app

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// EventSource is the CloudEvent source of every event this service emits.
const EventSource = "/tasks"

// Projects is the projects service's membership contract.
type Projects interface {
	// Membership returns the user's standing in the project, or
	// domain.ErrProjectNotFound when the project does not exist or the
	// user is not a member; domain.ErrProjectsUnavailable when it cannot
	// tell.
	Membership(ctx context.Context, projectID, userID string) (domain.Membership, error)
	// Confirm is Membership asked of the projects service itself, for a
	// refusal on an answer from memory (archived, role): a change may
	// still be on its way to the view.
	Confirm(ctx context.Context, projectID, userID string) (domain.Membership, error)
	// UserProjects returns the ids of every project the user belongs to.
	UserProjects(ctx context.Context, userID string) ([]string, error)
}

// Store keeps tasks, categories and tags.
type Store interface {
	// InTx runs fn in one transaction; fn's error rolls it back.
	InTx(ctx context.Context, fn func(tx Tx) error) error
	// Consume runs fn in one transaction at most once per (consumer,
	// eventID); a redelivered event is acknowledged without effect.
	Consume(ctx context.Context, consumer, eventID string, fn func(tx Tx) error) error
	// Task returns a task, or domain.ErrTaskNotFound.
	Task(ctx context.Context, id string) (domain.Task, error)
	// Tasks returns one page of a task list.
	Tasks(ctx context.Context, q domain.TaskQuery) (domain.TaskPage, error)
	// SetEffective stores a task's effective priority unless the task
	// has one of a later sequence (or is gone).
	SetEffective(ctx context.Context, ch EffectiveChange) error
	// Labels returns one page of a project's categories or tags, by name.
	Labels(ctx context.Context, kind domain.LabelKind, projectID string, after *domain.LabelCursor, limit int) (domain.LabelPage, error)
	// ExportTasks returns up to limit tasks of every project with an id
	// above after, in id order.
	ExportTasks(ctx context.Context, after string, limit int) ([]domain.Task, error)
	// ExportLabels is ExportTasks for categories and tags together.
	ExportLabels(ctx context.Context, after string, limit int) ([]domain.Label, error)
}

// Tx is what a use case may do inside a transaction.
type Tx interface {
	// Task returns a task, locked for update when lock is set, or
	// domain.ErrTaskNotFound.
	Task(ctx context.Context, id string, lock bool) (domain.Task, error)
	// LockProjectTree serialises changes to the parent/subtask structure
	// of a project until the transaction ends.
	LockProjectTree(ctx context.Context, projectID string) error
	// IsAncestor reports whether ancestorID is taskID or one of its
	// ancestors.
	IsAncestor(ctx context.Context, ancestorID, taskID string) (bool, error)
	// Subtree returns a task and all its subtasks, parents before children.
	Subtree(ctx context.Context, taskID string) ([]domain.Task, error)
	// LabelsExist reports whether every id names a label of the kind in
	// the project.
	LabelsExist(ctx context.Context, kind domain.LabelKind, projectID string, ids []string) (bool, error)
	// PositionOf returns the order key of a task of the project, or
	// domain.ErrInvalidPosition.
	PositionOf(ctx context.Context, projectID, taskID string) (string, error)
	// NextPosition returns the smallest key after key ("" for none) among
	// the project's tasks other than excludeID; PrevPosition the largest
	// before key (key "" meaning the end of the list).
	NextPosition(ctx context.Context, projectID, key, excludeID string) (string, error)
	PrevPosition(ctx context.Context, projectID, key, excludeID string) (string, error)
	InsertTask(ctx context.Context, t domain.Task) error
	// ClaimOccurrenceKey records that key creates taskID, or returns the
	// task another transaction created for key ("" when this one claimed it).
	ClaimOccurrenceKey(ctx context.Context, key, taskID string, at time.Time) (string, error)
	// UpdateTask writes the named fields of t, its version and updatedAt.
	UpdateTask(ctx context.Context, t domain.Task, changed []string) error
	DeleteTasks(ctx context.Context, ids []string) error
	// UnassignUser removes the user from every task of the project and
	// returns those tasks as they are after the change.
	UnassignUser(ctx context.Context, projectID, userID string, now time.Time) ([]domain.Task, error)
	// DeleteProject deletes the project's tasks, categories and tags.
	DeleteProject(ctx context.Context, projectID string) error

	// Label returns a label of the project, locked for update when lock is
	// set, or the kind's not-found error.
	Label(ctx context.Context, kind domain.LabelKind, projectID, id string, lock bool) (domain.Label, error)
	// InsertLabel stores l; a name the project already has (ignoring case)
	// is the kind's name-taken error. UpdateLabel likewise.
	InsertLabel(ctx context.Context, l domain.Label) error
	UpdateLabel(ctx context.Context, l domain.Label, changed []string) error
	// DeleteLabel detaches l from its tasks (a new version each), deletes
	// it and returns how many tasks had it.
	DeleteLabel(ctx context.Context, l domain.Label, now time.Time) (int, error)

	// Append stores events for publication with this transaction.
	Append(ctx context.Context, evs ...events.Event) error
}

// Deps are what the use cases need.
type Deps struct {
	Store    Store
	Projects Projects
	Log      *slog.Logger
	Now      func() time.Time // default time.Now
	// NewID returns a fresh id (UUIDv7); default uuid.NewV7.
	NewID func() (string, error)
}

// App runs the use cases.
type App struct {
	Deps
}

// New returns the application.
func New(d Deps) *App {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if d.NewID == nil {
		d.NewID = newUUIDv7
	}
	return &App{Deps: d}
}

// now is the current time at the database's precision, so that what a
// use case returns equals what a later read returns.
func (a *App) now() time.Time { return a.Now().UTC().Truncate(time.Microsecond) }
