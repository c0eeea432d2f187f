// Package app holds the use cases of the users service, one file each. It
// depends on small interfaces declared here and implemented by adapters.
package app

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/users/domain"
)

// EventSource is the CloudEvent source of every event this service emits.
const EventSource = "/users"

// Users stores accounts. Lookups see live accounts only and return
// domain.ErrUserNotFound otherwise.
type Users interface {
	// Create stores u and ev in one transaction; a taken email or username
	// is domain.ErrEmailTaken / domain.ErrUsernameTaken.
	Create(ctx context.Context, u domain.User, ev events.Event) error
	ByID(ctx context.Context, id string) (domain.User, error)
	ByUsername(ctx context.Context, username string) (domain.User, error)
	ByEmail(ctx context.Context, email string) (domain.User, error)
	// ByIDs returns the live accounts among ids (canonical UUIDs), in no
	// particular order; ids that name none are left out.
	ByIDs(ctx context.Context, ids []string) ([]domain.User, error)
	// Update locks the account, lets change modify it, and writes the
	// fields change names (domain.Field*) and the event it returns (if any)
	// in one transaction. No fields means nothing is written.
	Update(ctx context.Context, id string, change Change) (domain.User, error)
	// Delete scrubs the account's personal data, marks it deleted and
	// stores ev, in one transaction.
	Delete(ctx context.Context, id string, ev events.Event) error
}

// Change modifies a locked account and returns the fields it changed and
// the event that announces the change (nil for none).
type Change func(u *domain.User) (fields []string, ev *events.Event, err error)

// LoginAttempts throttles password checks per account and client address
// (domain.LoginThrottle).
type LoginAttempts interface {
	// Admit records an attempt unless the account or the address has to
	// wait; then it records nothing and returns how long to wait.
	Admit(ctx context.Context, account, clientIP string, now time.Time) (retryAfter time.Duration, err error)
	// Succeeded forgets the account's failures and remembers the address
	// as one the account signs in from (after a correct password, or a
	// sign-up).
	Succeeded(ctx context.Context, account, clientIP string, now time.Time) error
}

// Sessions is the auth service: it mints and revokes logins.
type Sessions interface {
	Mint(ctx context.Context, req contracts.MintSessionRequest) (contracts.TokenPair, error)
	RevokeUserSessions(ctx context.Context, req contracts.RevokeUserSessionsRequest) error
}

// Deps are what the use cases need.
type Deps struct {
	Users    Users
	Attempts LoginAttempts
	Sessions Sessions
	Hasher   *domain.Hasher
	Policy   *domain.PasswordPolicy
	Log      *slog.Logger
	Now      func() time.Time // default time.Now
}

// App runs the use cases.
type App struct {
	Deps
	// dummyHash is verified when a login names no account, so that an
	// unknown login costs the same time as a wrong password.
	dummyHash string
}

// New returns the application; it hashes the dummy password once.
func New(ctx context.Context, d Deps) (*App, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	dummy, err := d.Hasher.Hash(ctx, rand.Text())
	if err != nil {
		return nil, fmt.Errorf("dummy hash: %w", err)
	}
	return &App{Deps: d, dummyHash: dummy}, nil
}

// now is the current time at the database's precision, so that what a
// use case returns equals what a later read returns.
func (a *App) now() time.Time { return a.Now().UTC().Truncate(time.Microsecond) }

// newEvent builds an event of the users topic about user id.
func newEvent(eventType, userID string, payload any) (events.Event, error) {
	ev, err := events.New(EventSource, eventType, userID, payload)
	if err != nil {
		return events.Event{}, err
	}
	ev.DataSchema = contracts.SchemaURL(eventType)
	return ev, nil
}
