// Package app holds the use cases of the collaboration service: comments
// on tasks and in each project's discussion thread, reactions, mentions,
// and what follows from other contexts' events (deleted tasks, projects
// and accounts). It depends on the small interfaces declared here; the
// adapters implement them over Dapr state and service invocation.
package app

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// EventSource is the CloudEvent source of every event this service emits.
const EventSource = "/collaboration"

// Caller is the signed-in user of a request, with the Authorization header
// they sent (relayed when another service must judge their access).
type Caller struct {
	UserID        string
	Authorization string
}

// Member is a project member as mentions and autocompletion see them.
type Member struct {
	UserID      string
	Username    string
	DisplayName string
}

// Projects is the projects service.
type Projects interface {
	// Membership returns the user's standing in the project, or
	// domain.ErrProjectNotFound when the project does not exist or the
	// user is not a member.
	Membership(ctx context.Context, projectID, userID string) (domain.Membership, error)
	// Confirm is Membership asked of the projects service itself: a
	// refusal (not a member, archived, a role that may not write) is
	// confirmed before it is given, as the view may lag behind a change.
	Confirm(ctx context.Context, projectID, userID string) (domain.Membership, error)
	// Members lists the project's members with live accounts, as the
	// caller may see them (domain.ErrProjectNotFound for a non-member).
	Members(ctx context.Context, caller Caller, projectID string) ([]Member, error)
}

// Tasks is the tasks service.
type Tasks interface {
	// TaskProject returns the project of a task the caller may see, or
	// domain.ErrTaskNotFound.
	TaskProject(ctx context.Context, caller Caller, taskID string) (string, error)
}

// UserName is how an author is shown; Deleted for an account that no
// longer exists.
type UserName struct {
	Username    string `json:"username"`
	DisplayName string `json:"displayName"`
	Deleted     bool   `json:"deleted,omitempty"`
}

// Users names accounts.
type Users interface {
	// Lookup returns the names of the live accounts among ids; an id
	// without an entry names no account or a deleted one.
	Lookup(ctx context.Context, ids []string) (map[string]UserName, error)
}

// ThreadState is a conversation as stored.
type ThreadState struct {
	Exists    bool
	Deleted   bool // its task or project was deleted
	ProjectID string
	TaskID    string
	IDs       []string // comment ids, oldest first
}

// Store keeps comments, their conversations and the names of authors.
// Every change is recorded with the event that announces it, and the
// event is published once the change is complete (at least once).
type Store interface {
	Thread(ctx context.Context, t domain.Thread) (ThreadState, error)
	// Threads returns the task conversations of the ids, in order.
	TaskThreads(ctx context.Context, taskIDs []string) ([]ThreadState, error)
	// Comment returns a comment, or domain.ErrCommentNotFound.
	Comment(ctx context.Context, id string) (domain.Comment, error)
	// Comments returns the comments of the ids that exist, in order.
	Comments(ctx context.Context, ids []string) ([]domain.Comment, error)
	// CreateComment stores c and announces it with ev; the conversation's
	// task or project having been deleted meanwhile is
	// domain.ErrTaskNotFound or domain.ErrProjectNotFound.
	CreateComment(ctx context.Context, c domain.Comment, ev events.Event) error
	// UpdateComment applies change to the comment and stores it with the
	// event change returns (nil event: nothing changed, nothing stored).
	UpdateComment(ctx context.Context, id string, change func(c *domain.Comment) (*events.Event, error)) (domain.Comment, error)
	// DeleteComment removes the comment once check allows it, announcing
	// it with the event check returns.
	DeleteComment(ctx context.Context, id string, check func(c domain.Comment) (events.Event, error)) error
	// DeleteThread removes a conversation and its comments for good.
	DeleteThread(ctx context.Context, t domain.Thread) error
	// DeleteProject removes every conversation of a project.
	DeleteProject(ctx context.Context, projectID string) error
	// UserNames returns what is known of the accounts (absent: unknown).
	UserNames(ctx context.Context, ids []string) (map[string]UserName, error)
	// PutUserName records an account's name; keep=true leaves a name
	// already recorded alone (a lookup must not undo a newer event).
	PutUserName(ctx context.Context, id string, name UserName, keep bool) error
}

// Deps are what the use cases need.
type Deps struct {
	Store    Store
	Projects Projects
	Tasks    Tasks
	Users    Users
	Log      *slog.Logger
	Now      func() time.Time
	NewID    func() (string, error)
}

// App runs the use cases.
type App struct {
	Deps
	md *domain.Markdown
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
	return &App{Deps: d, md: domain.NewMarkdown()}
}

func (a *App) now() time.Time { return a.Now().UTC().Truncate(time.Millisecond) }
