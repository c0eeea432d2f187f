// Package app holds the use cases of the projects service, grouped by
// what they touch. It depends on small interfaces declared here and
// implemented by adapters.
package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// EventSource is the CloudEvent source of every event this service emits.
const EventSource = "/projects"

// Reader answers questions about projects outside a transaction. A
// project the user is not a member of is domain.ErrProjectNotFound.
type Reader interface {
	// View returns the project as userID sees it.
	View(ctx context.Context, projectID, userID string) (domain.View, error)
	// Projects lists userID's projects ordered by name then id, after the
	// cursor position (nil for the first page), at most limit.
	Projects(ctx context.Context, userID string, filter domain.ArchivedFilter, after *domain.ProjectCursor, limit int) ([]domain.View, error)
	// Members lists a project's members ordered by joining time then user
	// id, after the cursor position, at most limit.
	Members(ctx context.Context, projectID string, after *domain.MemberCursor, limit int) ([]domain.Member, error)
	// Memberships lists every project userID is a member of.
	Memberships(ctx context.Context, userID string) ([]domain.View, error)
}

// Tx changes projects inside one database transaction; events published
// through it are stored in the same transaction (outbox).
type Tx interface {
	Reader
	// LockProject loads and locks a project row (FOR UPDATE): changes to
	// one project and its members are serialised on it.
	LockProject(ctx context.Context, projectID string) (domain.Project, error)
	// Member returns userID's membership of projectID, or ok=false.
	Member(ctx context.Context, projectID, userID string) (m domain.Member, ok bool, err error)
	// AllMembers lists a project's members, longest-standing first.
	AllMembers(ctx context.Context, projectID string) ([]domain.Member, error)
	// MembershipsOf lists userID's memberships in project id order.
	MembershipsOf(ctx context.Context, userID string) ([]domain.Member, error)
	// OwnedKeys lists the keys of the projects userID owns.
	OwnedKeys(ctx context.Context, userID string) ([]string, error)
	// CreateProject stores p and its owner; domain.ErrKeyTaken when the
	// owner has a project with the same key.
	CreateProject(ctx context.Context, p domain.Project, owner domain.Member) error
	// UpdateProject writes p's columns named by fields (domain.Field*,
	// "ownerId", "archivedAt") and its updated_at; domain.ErrKeyTaken on a
	// key clash.
	UpdateProject(ctx context.Context, p domain.Project, fields ...string) error
	// DeleteProject removes a project and its members.
	DeleteProject(ctx context.Context, projectID string) error
	// AddMember stores m; domain.ErrAlreadyMember when it exists.
	AddMember(ctx context.Context, m domain.Member) error
	RemoveMember(ctx context.Context, projectID, userID string) error
	SetRole(ctx context.Context, projectID, userID, role string) error
	// NextVersion adds one to the project's version and returns it
	// (domain.ErrProjectNotFound when the row is gone).
	NextVersion(ctx context.Context, projectID string) (int64, error)
	// Publish stores ev in the outbox of this transaction.
	Publish(ctx context.Context, ev events.Event) error
}

// Project columns UpdateProject knows besides the domain.Field* ones.
const (
	ColumnOwner    = "ownerId"
	ColumnArchived = "archivedAt"
)

// Store is the projects database.
type Store interface {
	Reader
	// Snapshot reads a project and all its members as of one moment
	// (domain.ErrProjectNotFound when it does not exist).
	Snapshot(ctx context.Context, projectID string) (domain.Project, []domain.Member, error)
	// Export returns up to limit projects with an id above after, in id
	// order.
	Export(ctx context.Context, after string, limit int) ([]domain.Project, error)
	// InTx runs fn in a transaction, committed when fn returns nil.
	InTx(ctx context.Context, fn func(tx Tx) error) error
	// Consume runs fn in a transaction at most once per (consumer,
	// eventID); a redelivered event is a no-op.
	Consume(ctx context.Context, consumer, eventID string, fn func(tx Tx) error) error
}

// Users is the users service: it names accounts.
type Users interface {
	// Names returns the names of the live accounts among userIDs (ids of
	// users, each once), by id: an id without an entry names no account or
	// a deleted one. It fails with domain.ErrUsersUnavailable when the
	// users service cannot answer.
	Names(ctx context.Context, userIDs []string) (map[string]domain.Person, error)
}

// Deps are what the use cases need.
type Deps struct {
	Store Store
	Users Users
	Log   *slog.Logger
	Now   func() time.Time // default time.Now
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
	return &App{Deps: d}
}

// now is the current time at the database's precision, so that what a
// use case returns equals what a later read returns.
func (a *App) now() time.Time { return a.Now().UTC().Truncate(time.Microsecond) }

// publish stores an event of the projects topic about projectID. It
// takes the project's next version first and builds the payload with it,
// so that every event about a project carries its projectVersion; the
// project's row must still exist (deletion publishes before it deletes).
func publish(ctx context.Context, tx Tx, eventType, projectID string, payload func(version int64) any) error {
	version, err := tx.NextVersion(ctx, projectID)
	if err != nil {
		return err
	}
	ev, err := events.New(EventSource, eventType, projectID, payload(version))
	if err != nil {
		return err
	}
	ev.DataSchema = contracts.SchemaURL(eventType)
	return tx.Publish(ctx, ev)
}

func newID() (string, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return "", fmt.Errorf("new id: %w", err)
	}
	return id.String(), nil
}

// authorize loads and locks projectID in tx, checks that callerID is a
// member and that their role allows act; a malformed id or a non-member is
// domain.ErrProjectNotFound.
func authorize(ctx context.Context, tx Tx, projectID, callerID string, act domain.Action) (domain.Project, domain.Member, error) {
	id, ok := domain.ParseID(projectID)
	if !ok {
		return domain.Project{}, domain.Member{}, domain.ErrProjectNotFound
	}
	p, err := tx.LockProject(ctx, id)
	if err != nil {
		return domain.Project{}, domain.Member{}, err
	}
	m, ok, err := tx.Member(ctx, id, callerID)
	switch {
	case err != nil:
		return domain.Project{}, domain.Member{}, err
	case !ok:
		return domain.Project{}, domain.Member{}, domain.ErrProjectNotFound
	}
	if err := domain.Authorize(p, m.Role, act); err != nil {
		return domain.Project{}, domain.Member{}, err
	}
	return p, m, nil
}

func actor(userID string) contracts.Actor { return contracts.Actor{UserID: userID} }
