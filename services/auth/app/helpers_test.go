package app_test

import (
	"errors"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/adapters"
	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/auth/domain"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/clocktest"
)

var t0 = time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)

// fixture is an application over an in-memory store; its clock is shared
// by the application and the store, so TTLs and expiries move together.
type fixture struct {
	*app.Application
	store *adapters.Store
	clock *clocktest.Clock
	opts  app.Options
}

func defaultOptions(now func() time.Time) app.Options {
	return app.Options{
		Issuer: "taskrocket", Audience: "taskrocket-api",
		Lifetimes:   domain.Lifetimes{Access: 10 * time.Minute, Refresh: 720 * time.Hour, Session: 2160 * time.Hour},
		KeyRotation: 720 * time.Hour, KeyReload: time.Minute, Now: now,
	}
}

// newFixture returns an application over an empty in-memory store, with
// its keys loaded; edit may change the options first.
func newFixture(t *testing.T, edit ...func(*app.Options)) *fixture {
	t.Helper()
	clk := clocktest.New(t0)
	opts := defaultOptions(clk.Now)
	for _, e := range edit {
		e(&opts)
	}
	f := &fixture{store: adapters.NewMemoryStore(clk.Now), clock: clk, opts: opts}
	f.Application = f.replica(t)
	return f
}

// replica is another instance of the service over the same store.
func (f *fixture) replica(t *testing.T) *app.Application {
	t.Helper()
	a, err := app.New(f.opts, f.store, f.store)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Keys().Load(t.Context()); err != nil {
		t.Fatal(err)
	}
	return a
}

func (f *fixture) login(t *testing.T, userID string) app.Tokens {
	t.Helper()
	tokens, err := f.Mint(t.Context(), domain.Login{UserID: userID, Username: "name-" + userID, UserAgent: "Firefox", ClientIP: "203.0.113.7"})
	if err != nil {
		t.Fatal(err)
	}
	return tokens
}

func (f *fixture) refresh(t *testing.T, refreshToken string) app.Tokens {
	t.Helper()
	tokens, err := f.Refresh(t.Context(), refreshToken)
	if err != nil {
		t.Fatalf("refresh: %v", err)
	}
	return tokens
}

// wantCode asserts err is an *apperr.Error with the given stable code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != code {
		t.Fatalf("got error %v, want code %s", err, code)
	}
}
