package ports_test

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
	"github.com/taskrocket/taskrocket/services/platform/apitest"
	"github.com/taskrocket/taskrocket/services/platform/authntest"
	"github.com/taskrocket/taskrocket/services/platform/clocktest"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/tasks/adapters"
	"github.com/taskrocket/taskrocket/services/tasks/app"
	"github.com/taskrocket/taskrocket/services/tasks/ports"
)

const appToken = "test-app-token"

// env is the tasks service on a fresh database, with a fake projects
// service and real, verifiable access tokens. Its clock is the service's
// time, moved by tests (overdue, doneAt).
type env struct {
	t        *testing.T
	db       *gorm.DB
	api      *apitest.Client
	projects *fakeProjects
	tokens   *authntest.Tokens
	clock    *clocktest.Clock
	outbox   contracttest.Outbox
}

// newEnv takes a testing.TB so that a fuzz target (testing.F) can build
// one; env.t, for the helpers, is then nil: fuzz targets use api alone.
func newEnv(t testing.TB) *env {
	t.Helper()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	tokens := authntest.New(t)
	c := clocktest.New(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC))
	projects := newFakeProjects()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	application := app.New(app.Deps{Store: adapters.NewStore(db), Projects: projects, Log: log, Now: c.Now})
	api := apitest.Serve(t, "tasks", log, func(engine *gin.Engine, doc []byte) error {
		return ports.Register(engine, application, ports.Options{Log: log, Verifier: tokens.Verifier(), AppToken: appToken, OpenAPI: doc})
	})
	self, _ := t.(*testing.T)
	e := &env{
		t: self, db: db, api: api, projects: projects, tokens: tokens, clock: c,
		outbox: contracttest.Outbox{DB: db, Topic: contracts.TopicTasks, Source: app.EventSource, Subject: true},
	}
	// Every event a test causes must match its contract (runs before the
	// database is dropped: cleanups run last-in first-out).
	t.Cleanup(func() { e.outbox.CheckAll(t) })
	return e
}

// user is a signed-in person.
type user struct {
	ID    string
	Token string
}

func (e *env) user() user {
	id := uuid.Must(uuid.NewV7()).String()
	return user{ID: id, Token: e.tokens.Mint(id, uuid.NewString(), "user")}
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
