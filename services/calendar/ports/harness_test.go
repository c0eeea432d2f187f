package ports_test

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/platform/apitest"
	"github.com/taskrocket/taskrocket/services/platform/authntest"
	"github.com/taskrocket/taskrocket/services/platform/clocktest"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/calendar/adapters"
	"github.com/taskrocket/taskrocket/services/calendar/app"
	"github.com/taskrocket/taskrocket/services/calendar/ports"
)

const appToken = "test-app-token"

// env is the calendar service on a fresh database, with a fake projects
// service, a recording scheduler and tasks service, and real, verifiable
// access tokens. Its clock is the service's time.
type env struct {
	t         *testing.T
	db        *gorm.DB
	api       *apitest.Client
	app       *app.App
	projects  *fakeProjects
	scheduler *fakeScheduler
	tasks     *fakeTasks
	tokens    *authntest.Tokens
	clock     *clocktest.Clock
}

var start = time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)

// newEnv takes a testing.TB so that a fuzz target (testing.F) can build
// one; env.t, for the helpers, is then nil: fuzz targets use api alone.
func newEnv(t testing.TB) *env {
	t.Helper()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	tokens := authntest.New(t)
	c := clocktest.New(start)
	projects := newFakeProjects()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	application := app.New(adapters.NewStore(db), projects)
	application.Now = c.Now
	sched, tasks := newFakeScheduler(), newFakeTasks()
	application.Scheduler, application.Tasks = sched, tasks
	api := apitest.Serve(t, "calendar", log, func(engine *gin.Engine, doc []byte) error {
		return ports.Register(engine, application, ports.Options{Log: log, Verifier: tokens.Verifier(), AppToken: appToken, OpenAPI: doc})
	})
	self, _ := t.(*testing.T)
	return &env{t: self, db: db, api: api, app: application, projects: projects, scheduler: sched, tasks: tasks,
		tokens: tokens, clock: c}
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

type (
	req      = apitest.Request
	response = apitest.Response
)

// must sends r and fails the test unless the status is want; the answer
// is checked against the OpenAPI document.
func (e *env) must(want int, r req) response {
	e.t.Helper()
	return e.api.Must(e.t, want, r)
}

// refuse sends r and fails the test unless it answers status with code.
func (e *env) refuse(status int, code string, r req) response {
	e.t.Helper()
	return e.api.Refuse(e.t, status, code, r)
}

// rows counts the rows of the calendar's tables.
func (e *env) rows() map[string]int64 {
	e.t.Helper()
	return apitest.CountRows(e.t, e.db, "meetings", "meeting_attendees", "task_series", "series_skips", "reminders", "feed_tokens")
}
