package ports_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
	"github.com/taskrocket/taskrocket/services/platform/apitest"
	"github.com/taskrocket/taskrocket/services/platform/authntest"
	"github.com/taskrocket/taskrocket/services/platform/clocktest"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/users/adapters"
	"github.com/taskrocket/taskrocket/services/users/app"
	"github.com/taskrocket/taskrocket/services/users/domain"
	"github.com/taskrocket/taskrocket/services/users/ports"
)

const appToken = "test-app-token"

// env is the users service on a fresh database, with a fake auth service
// that mints real, verifiable access tokens and records revocations.
type env struct {
	t      testing.TB
	db     *gorm.DB
	api    *apitest.Client
	auth   *fakeAuth
	clock  *clocktest.Clock
	outbox contracttest.Outbox
}

func newEnv(t testing.TB) *env {
	t.Helper()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	return newEnvOn(t, db, domain.OWASPArgon2id())
}

func newEnvOn(t testing.TB, db *gorm.DB, params domain.Argon2Params) *env {
	t.Helper()
	ctx := context.Background()
	tokens := authntest.New(t)
	c := clocktest.New(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC))
	auth := &fakeAuth{tokens: tokens, clock: c}
	policy, err := domain.NewPasswordPolicy()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	application, err := app.New(ctx, app.Deps{
		Users:    adapters.NewUsers(db),
		Attempts: adapters.NewLoginAttempts(db, domain.DefaultLoginThrottle()),
		Sessions: auth,
		Hasher:   domain.NewHasher(params, 4),
		Policy:   policy,
		Log:      log,
		Now:      c.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	api := apitest.Serve(t, "users", log, func(engine *gin.Engine, doc []byte) error {
		return ports.Register(engine, application, ports.Options{Log: log, Verifier: tokens.Verifier(), AppToken: appToken, OpenAPI: doc})
	})
	return &env{
		t: t, db: db, api: api, auth: auth, clock: c,
		outbox: contracttest.Outbox{DB: db, Topic: contracts.TopicUsers, Source: app.EventSource},
	}
}

// req describes one request; response is a recorded answer.
type (
	req      = apitest.Request
	response = apitest.Response
)

// do sends r to the service in process and checks the answer against the
// OpenAPI document when the route is documented.
func (e *env) do(r req) response {
	e.t.Helper()
	return e.api.Do(e.t, r)
}

// must sends r and fails the test unless the status is want.
func (e *env) must(want int, r req) response {
	e.t.Helper()
	return e.api.Must(e.t, want, r)
}

// signUp creates an account and returns its profile.
func (e *env) signUp(username, password string) map[string]any {
	e.t.Helper()
	res := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users", Body: map[string]any{
		"email": username + "@example.com", "username": username, "displayName": "User " + username, "password": password,
	}})
	return res.JSON(e.t)["user"].(map[string]any)
}

// login signs in and returns the access token.
func (e *env) login(login, password string) string {
	e.t.Helper()
	res := e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"login": login, "password": password}})
	return res.JSON(e.t)["accessToken"].(string)
}

// counts returns the number of rows of each table.
func (e *env) counts() map[string]int64 {
	e.t.Helper()
	return apitest.CountRows(e.t, e.db, "users", "outbox_events", "login_attempts")
}

// outboxEvents returns the stored events of one type, oldest first, after
// checking each payload against the event type's JSON Schema.
func (e *env) outboxEvents(eventType string) []events.Event {
	e.t.Helper()
	return e.outbox.Events(e.t, eventType)
}

func mustEqual[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Fatalf("%s = %v, want %v", what, got, want)
	}
}
