package app

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/domain"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

// maxAttempts bounds optimistic-concurrency retries of one use case.
const maxAttempts = 5

// Options configure the application.
type Options struct {
	Issuer    string
	Audience  string
	Lifetimes domain.Lifetimes
	// KeyRotation is how long a signing key signs before the next one
	// replaces it.
	KeyRotation time.Duration
	// KeyReload is how often a replica reloads the shared keyset, so that
	// replicas converge after another one rotated.
	KeyReload time.Duration
	// KeyActivation is how long a new key is published before it signs;
	// it must exceed how long verifiers may go without refetching the
	// JWKS when they meet an unknown key id (10 s in platform/authn).
	KeyActivation time.Duration
	// Announcer publishes revocations (nil: none are published).
	Announcer Announcer
	Log       *slog.Logger
	Now       func() time.Time // nil: time.Now
}

// Validate fails fast on a configuration the token model cannot honour.
func (o Options) Validate() error {
	errs := []error{o.Lifetimes.Validate()}
	if o.Issuer == "" || o.Audience == "" {
		errs = append(errs, errors.New("issuer and audience are required"))
	}
	if o.KeyRotation < time.Hour {
		errs = append(errs, fmt.Errorf("key rotation interval %s must be at least 1h", o.KeyRotation))
	}
	if o.KeyActivation < 0 || o.KeyActivation > time.Hour {
		errs = append(errs, fmt.Errorf("key activation delay %s must be between 0 and 1h", o.KeyActivation))
	}
	if o.KeyReload <= 0 || o.KeyReload > 10*time.Minute {
		errs = append(errs, fmt.Errorf("key reload interval %s must be above 0 and at most 10m", o.KeyReload))
	}
	return errors.Join(errs...)
}

// Application is the auth service's use cases.
type Application struct {
	sessions  SessionStore
	keys      *KeyRing
	announcer Announcer
	opts      Options
	log       *slog.Logger
	now       func() time.Time
}

// New returns the application; keys are loaded by KeyRing.Run.
func New(opts Options, sessions SessionStore, keys KeyStore) (*Application, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Announcer == nil {
		opts.Announcer = noAnnouncer{}
	}
	return &Application{
		sessions:  sessions,
		announcer: opts.Announcer,
		keys:      newKeyRing(keys, opts),
		opts:      opts,
		log:       opts.Log,
		now:       opts.Now,
	}, nil
}

// Keys returns the signing keys.
func (a *Application) Keys() *KeyRing { return a.keys }

// Issuer is the "iss" of every token.
func (a *Application) Issuer() string { return a.opts.Issuer }

// Caller is the authenticated user of a request and the login their access
// token belongs to.
type Caller struct {
	UserID    string
	SessionID string
}

// errStore reports a storage failure without revealing it to clients.
func errStore(op string, err error) error {
	e := apperr.Wrap(fmt.Errorf("%s: %w", op, err), apperr.KindUnavailable,
		"store_unavailable", "sign-in state cannot be reached right now; try again shortly")
	e.RetryAfter = time.Second
	return e
}
