package ports_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
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
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/invitations/adapters"
	"github.com/taskrocket/taskrocket/services/invitations/app"
	"github.com/taskrocket/taskrocket/services/invitations/ports"
)

const (
	appToken = "test-app-token"
	ttl      = 7 * 24 * time.Hour
)

// env is the invitations service on a fresh database, with fake projects
// and users services and a signer of real, verifiable access tokens. Its
// clock is the service's time, moved by tests (expiry).
type env struct {
	t        *testing.T
	db       *gorm.DB
	api      *apitest.Client
	app      *app.App
	projects *fakeProjects
	users    *fakeUsers
	clock    *clocktest.Clock
	tokens   *authntest.Tokens
	outbox   contracttest.Outbox
}

// newEnv takes a testing.TB so that a fuzz target (testing.F) can build
// one; env.t, for the helpers, is then nil: fuzz targets use api alone.
func newEnv(t testing.TB) *env {
	t.Helper()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	self, _ := t.(*testing.T)
	e := &env{
		t: self, db: db, tokens: authntest.New(t),
		projects: &fakeProjects{projects: map[string]*fakeProject{}},
		users:    &fakeUsers{accounts: map[string]contracts.UserRef{}},
		clock:    clocktest.New(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)),
		outbox:   contracttest.Outbox{DB: db, Topic: contracts.TopicInvitations, Source: app.EventSource},
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e.app = app.New(app.Deps{
		Invitations: adapters.NewInvitations(db), Projects: e.projects, Users: e.users,
		TTL: ttl, Log: log, Now: e.clock.Now,
	})
	e.api = apitest.Serve(t, "invitations", log, func(engine *gin.Engine, doc []byte) error {
		return ports.Register(engine, e.app, ports.Options{Log: log, Verifier: e.tokens.Verifier(), AppToken: appToken, OpenAPI: doc})
	})
	return e
}

// account is a person with an account at the fake users service.
type account struct {
	ID, Username, Email, Token string
}

func (e *env) account(username string) account {
	e.t.Helper()
	a := account{ID: uuid.Must(uuid.NewV7()).String(), Username: username, Email: username + "@example.com"}
	e.users.add(contracts.UserRef{ID: a.ID, Username: a.Username, DisplayName: "User " + username, Email: a.Email, Locale: "en", Timezone: "UTC"})
	a.Token = e.tokens.Mint(a.ID, uuid.NewString(), a.Username)
	return a
}

// response is a recorded answer, with the readers of this API's bodies.
type response struct{ apitest.Response }

// invitation returns the body's "invitation" object.
func (r response) invitation(t *testing.T) map[string]any {
	t.Helper()
	inv, ok := r.JSON(t)["invitation"].(map[string]any)
	if !ok {
		t.Fatalf("no invitation in %s", r.Body)
	}
	return inv
}

// items returns a list's items and next cursor.
func (r response) items(t *testing.T) ([]map[string]any, string) {
	t.Helper()
	var body struct {
		Items      []map[string]any `json:"items"`
		NextCursor string           `json:"nextCursor"`
	}
	if err := json.Unmarshal(r.Body, &body); err != nil || body.Items == nil {
		t.Fatalf("not a list: %v: %s", err, r.Body)
	}
	return body.Items, body.NextCursor
}

// req describes one request.
type req = apitest.Request

// do sends r to the service in process and checks the answer against the
// OpenAPI document when the route is documented.
func (e *env) do(r req) response {
	e.t.Helper()
	return response{e.api.Do(e.t, r)}
}

// must sends r and fails the test unless the status is want.
func (e *env) must(want int, r req) response {
	e.t.Helper()
	return response{e.api.Must(e.t, want, r)}
}

// refuse sends r and fails the test unless it gets status and code.
func (e *env) refuse(status int, code string, r req) response {
	e.t.Helper()
	return response{e.api.Refuse(e.t, status, code, r)}
}

func invitationsPath(projectID string) string {
	return "/api/v1/projects/" + projectID + "/invitations"
}

// invite sends an invitation as owner and returns it.
func (e *env) invite(owner account, projectID string, body map[string]any) map[string]any {
	e.t.Helper()
	return e.must(http.StatusCreated, req{Method: "POST", Path: invitationsPath(projectID), Token: owner.Token, Body: body}).invitation(e.t)
}

// counts returns the number of rows of each table.
func (e *env) counts() map[string]int64 {
	e.t.Helper()
	return apitest.CountRows(e.t, e.db, "invitations", "outbox_events", "processed_events")
}

// outboxEvents returns the stored events of one type, oldest first, after
// checking each against the event type's JSON Schema and the conventions.
func (e *env) outboxEvents(eventType string) []events.Event {
	e.t.Helper()
	return e.outbox.Events(e.t, eventType)
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
