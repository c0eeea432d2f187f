// Package app holds the use cases of the priorities service: managing a
// project's rules, keeping the effective priority of its tasks current as
// tasks, rules and time change (announcing each change), and answering
// "next up" from a cache that events invalidate.
package app

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"
	"golang.org/x/sync/singleflight"

	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

// EventSource is the CloudEvent source of every event this service emits.
const EventSource = "/priorities"

// Membership is one user's standing in one project.
type Membership struct {
	ProjectID string
	UserID    string
	Owner     bool
	Archived  bool
}

// Projects is the projects service's membership contract.
type Projects interface {
	// Membership returns the user's standing, or domain.ErrProjectNotFound
	// (no such project, or not a member); domain.ErrProjectsUnavailable.
	Membership(ctx context.Context, projectID, userID string) (Membership, error)
	// Confirm is Membership asked of the projects service itself, before
	// a refusal on an answer from memory.
	Confirm(ctx context.Context, projectID, userID string) (Membership, error)
	// UserProjects returns the ids of every project the user belongs to.
	UserProjects(ctx context.Context, userID string) ([]string, error)
	// Owner returns the project's owner (the actor of time-based changes).
	Owner(ctx context.Context, projectID string) (string, error)
}

// Tasks is the tasks service: the open tasks of a project, for a project
// the projection does not hold yet.
type Tasks interface {
	OpenTasks(ctx context.Context, projectID string) ([]domain.Task, error)
}

// Projected is a task as the projection holds it, with what was last
// announced about its effective priority.
type Projected struct {
	domain.Task
	Deleted    bool
	Announced  domain.Effective
	Sequence   int64
	NextEvalAt *time.Time
}

// Store keeps rules and the task projection.
type Store interface {
	InTx(ctx context.Context, fn func(tx Tx) error) error
	// Consume runs fn in one transaction at most once per (consumer, eventID).
	Consume(ctx context.Context, consumer, eventID string, fn func(tx Tx) error) error
	Loaded(ctx context.Context, projectID string) (bool, error)
	Rules(ctx context.Context, projectID string) ([]domain.Rule, error)
	RulesOf(ctx context.Context, projectIDs []string) (map[string][]domain.Rule, error)
	// OpenTasks returns the open tasks of a project.
	OpenTasks(ctx context.Context, projectID string) ([]Projected, error)
	// NextUp returns the first limit open tasks of the projects (those
	// assigned to assignee when it is set) in next-up order by their
	// stored effective priority.
	NextUp(ctx context.Context, projectIDs []string, assignee string, limit int) ([]Projected, error)
	// Unloaded returns the projects of ids the projection does not hold yet.
	Unloaded(ctx context.Context, ids []string) ([]string, error)
	// Task returns a task of the projection (found false when absent or deleted).
	Task(ctx context.Context, id string) (Projected, bool, error)
	// DueTasks returns the ids and projects of up to limit tasks whose
	// next evaluation is at or before now, and the earliest later one.
	DueTasks(ctx context.Context, now time.Time, limit int) ([]Projected, *time.Time, error)
}

// Tx is what a use case may do inside a transaction.
type Tx interface {
	// LockProject serialises every change of a project's rules and tasks
	// until the transaction ends.
	LockProject(ctx context.Context, projectID string) error
	Loaded(ctx context.Context, projectID string) (bool, error)
	MarkLoaded(ctx context.Context, projectID string, at time.Time) error
	Rules(ctx context.Context, projectID string) ([]domain.Rule, error)
	InsertRule(ctx context.Context, r domain.Rule) error
	UpdateRule(ctx context.Context, r domain.Rule) error
	DeleteRule(ctx context.Context, id string) error
	SetRulePositions(ctx context.Context, ids []string) error
	// Task returns a task of the projection, tombstones included.
	Task(ctx context.Context, id string) (Projected, bool, error)
	OpenTasks(ctx context.Context, projectID string) ([]Projected, error)
	// SaveTask writes every field of p.
	SaveTask(ctx context.Context, p Projected) error
	// LoadTasks writes tasks the projection does not hold in a newer
	// state (nor as deleted), with Announced equal to their explicit
	// priority.
	LoadTasks(ctx context.Context, ts []domain.Task) error
	// SaveEffective writes Announced, Sequence and NextEvalAt of p.
	SaveEffective(ctx context.Context, p Projected) error
	// DeleteProject deletes the project's rules and tasks and returns the
	// users assigned to its open tasks.
	DeleteProject(ctx context.Context, projectID string) ([]string, error)
	Append(ctx context.Context, evs ...events.Event) error
}

// Deps are what the use cases need.
type Deps struct {
	Store    Store
	Projects Projects
	Tasks    Tasks
	Cache    Cache
	Log      *slog.Logger
	Now      func() time.Time // default time.Now
	NewID    func() (string, error)
	// Wake, when set, is told the earliest next evaluation a change set,
	// so that the scheduler can wake up for it.
	Wake func(at time.Time)
}

// App runs the use cases.
type App struct {
	Deps
	// loaded remembers the projects this instance saw loaded (a project
	// stays loaded until it is deleted), sparing a query per miss.
	loaded sync.Map
	// flights shares one computation of a next-up answer among the
	// requests that miss the same key at the same time.
	flights singleflight.Group
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
		d.NewID = func() (string, error) {
			id, err := uuid.NewV7()
			return id.String(), err
		}
	}
	return &App{Deps: d}
}

func (a *App) now() time.Time { return a.Now().UTC().Truncate(time.Microsecond) }

// ParseID returns a canonical uuid, or false.
func ParseID(s string) (string, bool) {
	id, err := uuid.Parse(s)
	if err != nil || len(s) != 36 {
		return "", false
	}
	return id.String(), true
}
