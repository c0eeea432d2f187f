// Package app holds the use cases of the invitations service, one file
// each. It depends on small interfaces declared here and implemented by
// adapters.
package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// EventSource is the CloudEvent source of every event this service emits.
const EventSource = "/invitations"

// Invitations stores invitations; every change is written together with
// the event announcing it (transactional outbox).
type Invitations interface {
	// Create stores a pending invitation and ev; a pending invitation of
	// the same invitee to the same project is domain.ErrInvitationPending.
	Create(ctx context.Context, inv domain.Invitation, ev events.Event) error
	// ByID returns domain.ErrInvitationNotFound for an unknown id.
	ByID(ctx context.Context, id string) (domain.Invitation, error)
	// Update locks the invitation while change runs and writes the
	// decision it records together with the event it returns. A nil event
	// writes nothing; an error rolls everything back.
	Update(ctx context.Context, id string, change Change) (domain.Invitation, error)
	// ListForProject lists a project's invitations, newest first.
	ListForProject(ctx context.Context, projectID string, filter domain.StatusFilter, now time.Time, page domain.Page) (domain.Paged, error)
	// ListPendingFor lists the pending, unexpired invitations addressed to
	// the account userID or (while no account is attached) to email.
	ListPendingFor(ctx context.Context, userID, email string, now time.Time, page domain.Page) (domain.Paged, error)
	// ExpireDue applies expire to up to limit overdue invitations that no
	// other transaction holds, and returns how many it expired.
	ExpireDue(ctx context.Context, now time.Time, limit int, expire Transition) (int, error)
	// CancelPendingOfProject applies cancel to every pending invitation of
	// a project, once per (consumer, eventID).
	CancelPendingOfProject(ctx context.Context, consumer, eventID, projectID string, cancel Transition) (int, error)
	// AttachAccount gives the pending invitations sent to email, with no
	// account yet, the account userID, once per (consumer, eventID). One
	// that would duplicate a pending invitation of that account to the same
	// project gets duplicate applied instead.
	AttachAccount(ctx context.Context, consumer, eventID, userID, email string, duplicate Transition) (int, error)
}

// Change decides what happens to a locked invitation: it may record a
// decision in inv and returns the event announcing it (nil: no change).
type Change func(inv *domain.Invitation) (*events.Event, error)

// Transition records a decision in inv and returns its event.
type Transition func(inv *domain.Invitation) (events.Event, error)

// Projects is the projects service: who may do what in a project.
type Projects interface {
	// Membership returns domain.ErrProjectNotFound when the project does
	// not exist or userID is not a member.
	Membership(ctx context.Context, projectID, userID string) (contracts.Membership, error)
	// AddMember is idempotent; domain.ErrProjectNotFound for an unknown
	// project, domain.ErrProjectArchived for an archived one.
	AddMember(ctx context.Context, projectID string, req contracts.AddMemberRequest) (contracts.Membership, error)
}

// Users is the users service's lookup of accounts; each returns
// domain.ErrUserNotFound when no live account matches.
type Users interface {
	ByUsername(ctx context.Context, username string) (contracts.UserRef, error)
	ByEmail(ctx context.Context, email string) (contracts.UserRef, error)
	ByID(ctx context.Context, id string) (contracts.UserRef, error)
}

// Deps are what the use cases need.
type Deps struct {
	Invitations Invitations
	Projects    Projects
	Users       Users
	TTL         time.Duration // how long an invitation stays pending
	Log         *slog.Logger
	Now         func() time.Time // default time.Now
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

// now is the current time at the database's precision, so that what a use
// case returns equals what a later read returns.
func (a *App) now() time.Time { return a.Now().UTC().Truncate(time.Microsecond) }

// Caller is the signed-in person making a request.
type Caller struct {
	UserID   string
	Username string
}

// unavailable turns a failure to reach another service into the given
// 503 error; the answers that service gave (typed errors) pass through.
func unavailable(err error, as *apperr.Error) error {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return err
	}
	return apperr.Wrap(err, as.Kind, as.Code, as.Message)
}

// newEvent builds an event of the invitations topic about invitation id.
func newEvent(eventType, invitationID string, payload any) (events.Event, error) {
	ev, err := events.New(EventSource, eventType, invitationID, payload)
	if err != nil {
		return events.Event{}, err
	}
	ev.DataSchema = contracts.SchemaURL(eventType)
	return ev, nil
}
