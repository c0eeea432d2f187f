// Package app holds the use cases of the notifications service: turning
// events into notifications for the right people on the channels they
// chose, the inbox and its live feed, follows, preferences and the daily
// digest. It depends on the small interfaces declared here; adapters
// implement them over the Dapr sidecar (state store, bindings, jobs,
// service invocation).
package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"time"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// Docs is the key-value state the service keeps (the notifications-state
// component). Only what every Dapr state store offers is used: one key at
// a time, compare-and-swap on its ETag, first-write, TTL. Transactions over
// several keys are not relied on (Redis applies them without rollback).
type Docs interface {
	// Get decodes the value of key into dst and returns its ETag, or
	// ErrNotFound.
	Get(ctx context.Context, key string, dst any) (etag string, err error)
	// GetMany returns the raw values of the keys that exist.
	GetMany(ctx context.Context, keys []string) (map[string][]byte, error)
	// Put stores v as JSON under key. With w.ETag set it succeeds only if
	// the key still has that ETag; with w.Create only if the key does not
	// exist; otherwise ErrConflict.
	Put(ctx context.Context, key string, v any, w Write) error
	// Delete removes keys (missing ones are fine).
	Delete(ctx context.Context, keys ...string) error
}

// Write qualifies a Put.
type Write struct {
	ETag   string
	Create bool
	TTL    time.Duration // 0: kept until deleted
}

// Errors of Docs.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("changed concurrently or already exists")
)

// Projects is what notifications know of projects: names and members
// (for "members hear of project-level changes" and for who may follow a
// task). Implemented by a view fed by the projects events until a shared
// membership view is available.
type Projects interface {
	// Project returns a project's name and members; found is false when
	// the project is unknown here.
	Project(ctx context.Context, projectID string) (view domain.ProjectView, found bool, err error)
	// Record applies what a projects event says: a new name (at its
	// time), membership changes; gone forgets the project.
	Record(ctx context.Context, projectID, name string, at time.Time, changes []domain.MemberChange) error
	Forget(ctx context.Context, projectID string) error
}

// Users answers who an account is, for recipients the user events have
// not described yet.
type Users interface {
	// Profile returns the account, or ErrNotFound for an unknown or
	// deleted one.
	Profile(ctx context.Context, userID string) (domain.Profile, error)
}

// Mailer sends e-mail (the email binding).
type Mailer interface {
	Send(ctx context.Context, m Mail) error
}

// Mail is one rendered message.
type Mail struct {
	To      string
	Subject string
	Text    string
	HTML    string
	Headers map[string]string // List-Unsubscribe and the like
}

// Renderer turns notifications into mail (templates).
type Renderer interface {
	Notification(to domain.Profile, n domain.Notification, links Links) (Mail, error)
	Digest(to domain.Profile, items []domain.Notification, links Links) (Mail, error)
	Invitation(to string, n domain.Notification, links Links) (Mail, error)
}

// Links are the URLs a message carries.
type Links struct {
	Base            string // the web app
	Open            string // the notification in the web app ("" for a digest)
	Inbox           string
	Preferences     string
	Unsubscribe     string // one-click unsubscribe (API); "" when none applies
	UnsubscribePage string // the web app's page for the same link
}

// Pusher sends push notifications (the push binding).
type Pusher interface {
	Push(ctx context.Context, userID string, n domain.Notification, url string) error
}

// Scheduler runs the daily digest of a user at a given time (Dapr jobs).
type Scheduler interface {
	ScheduleDigest(ctx context.Context, userID string, at time.Time) error
}

// Config are the service's settings the use cases need.
type Config struct {
	UIBaseURL  string        // links in e-mail and push lead here
	APIBaseURL string        // one-click unsubscribe posts here
	Retention  time.Duration // how long a notification stays in the inbox
	// FeedRecheck is how often a waiting feed looks at the inbox itself,
	// for notifications written by another replica of the service.
	FeedRecheck time.Duration
}

// Deps are what the use cases need.
type Deps struct {
	Docs      Docs
	Projects  Projects
	Users     Users
	Mailer    Mailer
	Renderer  Renderer
	Pusher    Pusher
	Scheduler Scheduler
	Config    Config
	Log       *slog.Logger
	Now       func() time.Time
	// Random fills b with random bytes (unsubscribe keys).
	Random func(b []byte) error
}

// App runs the use cases.
type App struct {
	Deps
	hub   *hub
	locks *userLocks
	done  *doneEvents
}

// New returns the application.
func New(d Deps) *App {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if d.Config.Retention <= 0 {
		d.Config.Retention = 90 * 24 * time.Hour
	}
	if d.Config.FeedRecheck <= 0 {
		d.Config.FeedRecheck = 5 * time.Second
	}
	if d.Random == nil {
		d.Random = cryptoRandom
	}
	return &App{Deps: d, hub: newHub(), locks: newUserLocks(), done: newDoneEvents()}
}

func (a *App) now() time.Time { return a.Now().UTC() }

// markerTTL is how long an event is remembered as handled: longer than
// any broker keeps a message for redelivery.
const markerTTL = 30 * 24 * time.Hour

// Keys of the state documents.
func keyInbox(userID string) string           { return "inbox:" + userID }
func keyNote(userID string, seq int64) string { return "note:" + userID + ":" + itoa(seq) }
func keyPrefs(userID string) string           { return "prefs:" + userID }
func keyProfile(userID string) string         { return "user:" + userID }
func keyTask(taskID string) string            { return "task:" + taskID }
func keyDigest(userID string) string          { return "digest:" + userID }
func keyEvent(eventID string) string          { return "event:" + eventID }
func keySent(recipient, eventID string, ch domain.Channel) string {
	return "sent:" + recipient + ":" + eventID + ":" + string(ch)
}
