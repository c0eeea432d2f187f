package ports_test

import (
	"io"
	"log/slog"
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
	"github.com/taskrocket/taskrocket/services/platform/apitest"
	"github.com/taskrocket/taskrocket/services/platform/authntest"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/projects/adapters"
	"github.com/taskrocket/taskrocket/services/projects/app"
	"github.com/taskrocket/taskrocket/services/projects/domain"
	"github.com/taskrocket/taskrocket/services/projects/ports"
)

const appToken = "test-app-token"

// env is the projects service on a fresh database, with a fake users
// service and a signer of real, verifiable access tokens.
type env struct {
	t      testing.TB
	db     *gorm.DB
	api    *apitest.Client
	tokens *authntest.Tokens
	users  *fakeUsers
	outbox contracttest.Outbox
}

func newEnv(t testing.TB) *env {
	t.Helper()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	tokens := authntest.New(t)
	users := &fakeUsers{known: map[string]domain.Person{}}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	application := app.New(app.Deps{Store: adapters.NewStore(db), Users: users, Log: log})
	api := apitest.Serve(t, "projects", log, func(engine *gin.Engine, doc []byte) error {
		return ports.Register(engine, application, ports.Options{Log: log, Verifier: tokens.Verifier(), AppToken: appToken, OpenAPI: doc})
	})
	return &env{
		t: t, db: db, api: api, tokens: tokens, users: users,
		outbox: contracttest.Outbox{DB: db, Topic: contracts.TopicProjects, Source: app.EventSource},
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

// fail sends r and fails the test unless the answer is status with code.
func (e *env) fail(status int, code string, r req) {
	e.t.Helper()
	e.api.Refuse(e.t, status, code, r)
}

// createProject creates a project owned by u and returns it.
func (e *env) createProject(u user, name, key string) map[string]any {
	e.t.Helper()
	return e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/projects", Token: u.Token,
		Body: map[string]any{"name": name, "key": key}}).JSON(e.t)
}

// addMember makes u a participant of project id (owner acting).
func (e *env) addMember(owner user, id string, u user) {
	e.t.Helper()
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/projects/" + id + "/members", Token: owner.Token,
		Body: map[string]any{"userId": u.ID, "role": "participant"}})
}

// on returns the environment reporting to t (a subtest).
func (e *env) on(t *testing.T) *env {
	c := *e
	c.t = t
	return &c
}

// counts returns the number of rows of each table.
func (e *env) counts() map[string]int64 {
	e.t.Helper()
	return apitest.CountRows(e.t, e.db, "projects", "project_members", "outbox_events", "processed_events")
}

// outboxEvents returns the stored events of one type, oldest first, after
// checking each against the event type's JSON Schema and the topic.
func (e *env) outboxEvents(eventType string) []events.Event {
	e.t.Helper()
	return e.outbox.Events(e.t, eventType)
}

// allEventsValid checks every stored event against its schema and
// returns how many there are per type.
func (e *env) allEventsValid() map[string]int {
	e.t.Helper()
	out := map[string]int{}
	for _, spec := range contracts.Events() {
		if spec.Topic == contracts.TopicProjects {
			out[spec.Type] = len(e.outboxEvents(spec.Type))
		}
	}
	return out
}

func mustEqual[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Fatalf("%s = %v, want %v", what, got, want)
	}
}
