package ports_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/invitations/adapters"
	"github.com/taskrocket/taskrocket/services/invitations/app"
	"github.com/taskrocket/taskrocket/services/invitations/ports"
)

const (
	appToken = "test-app-token"
	issuer   = "taskrocket"
	audience = "taskrocket-api"
	keyID    = "test-key"
	ttl      = 7 * 24 * time.Hour
)

// env is the invitations service on a fresh database, with fake projects
// and users services and a signer of real, verifiable access tokens.
type env struct {
	t        *testing.T
	db       *gorm.DB
	engine   *gin.Engine
	app      *app.App
	projects *fakeProjects
	users    *fakeUsers
	clock    *clock
	signer   signer
	spec     *spec
}

func newEnv(t *testing.T) *env {
	t.Helper()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	jwks, _ := json.Marshal(authn.JWKS{Keys: []authn.JWK{{
		Kty: "OKP", Crv: "Ed25519", X: base64.RawURLEncoding.EncodeToString(pub), Kid: keyID, Alg: "EdDSA", Use: "sig",
	}}})
	e := &env{
		t: t, db: db, signer: signer{key: priv},
		projects: &fakeProjects{projects: map[string]*fakeProject{}},
		users:    &fakeUsers{accounts: map[string]contracts.UserRef{}},
		clock:    &clock{now: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)},
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e.app = app.New(app.Deps{
		Invitations: adapters.NewInvitations(db), Projects: e.projects, Users: e.users,
		TTL: ttl, Log: log, Now: e.clock.Now,
	})
	doc, err := os.ReadFile("../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httpserver.New(httpserver.Options{Service: "invitations", Addr: "127.0.0.1:0", Logger: log})
	verifier := authn.NewVerifier(staticJWKS(jwks), issuer, audience)
	if err := ports.Register(srv.Engine, e.app, ports.Options{Log: log, Verifier: verifier, AppToken: appToken, OpenAPI: doc}); err != nil {
		t.Fatal(err)
	}
	e.engine, e.spec = srv.Engine, loadSpec(t, doc)
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
	a.Token = e.signer.token(a.ID, a.Username)
	return a
}

// response is a recorded answer.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v: %s", err, r.Body)
	}
	return m
}

// invitation returns the body's "invitation" object.
func (r response) invitation(t *testing.T) map[string]any {
	t.Helper()
	inv, ok := r.json(t)["invitation"].(map[string]any)
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

func (r response) code() string {
	var body struct {
		Error struct{ Code string } `json:"error"`
	}
	_ = json.Unmarshal(r.Body, &body)
	return body.Error.Code
}

// req describes one request; Body is JSON-encoded unless it is a string,
// []byte or io.Reader.
type req struct {
	Method, Path string
	Body         any
	Token        string
	Header       map[string]string
}

// do sends r to the service in process and checks the answer against the
// OpenAPI document when the route is documented.
func (e *env) do(r req) response {
	e.t.Helper()
	var body io.Reader
	switch b := r.Body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	case io.Reader:
		body = b // unknown length: sent without Content-Length
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	hr := httptest.NewRequest(r.Method, r.Path, body)
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.Token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.Token)
	}
	for k, v := range r.Header {
		hr.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	e.engine.ServeHTTP(rec, hr)
	res := response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	e.spec.checkResponse(e.t, hr, res)
	return res
}

// must sends r and fails the test unless the status is want.
func (e *env) must(want int, r req) response {
	e.t.Helper()
	res := e.do(r)
	if res.Status != want {
		e.t.Fatalf("%s %s: status %d, want %d: %s", r.Method, r.Path, res.Status, want, res.Body)
	}
	return res
}

// refuse sends r and fails the test unless it gets status and code.
func (e *env) refuse(status int, code string, r req) response {
	e.t.Helper()
	res := e.must(status, r)
	if res.code() != code {
		e.t.Fatalf("%s %s: code %q, want %q: %s", r.Method, r.Path, res.code(), code, res.Body)
	}
	return res
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
	out := map[string]int64{}
	for _, table := range []string{"invitations", "outbox_events", "processed_events"} {
		var n int64
		if err := e.db.Raw("SELECT count(*) FROM " + table).Scan(&n).Error; err != nil {
			e.t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

// outboxEvents returns the stored events of one type, oldest first, after
// checking each against the event type's JSON Schema and the conventions.
func (e *env) outboxEvents(eventType string) []events.Event {
	e.t.Helper()
	return outboxEventsOf(e.t, e.db, eventType)
}

func outboxEventsOf(t *testing.T, db *gorm.DB, eventType string) []events.Event {
	t.Helper()
	var rows []struct {
		Topic   string
		Payload []byte
	}
	if err := db.Raw(`SELECT topic, payload FROM outbox_events WHERE event_type = ? ORDER BY seq`, eventType).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	v, err := contracts.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	var out []events.Event
	for _, r := range rows {
		ev, err := events.Parse(r.Payload)
		if err != nil {
			t.Fatalf("outbox row is not a CloudEvent: %v", err)
		}
		if r.Topic != contracts.TopicInvitations || ev.Source != app.EventSource || ev.DataSchema != contracts.SchemaURL(eventType) {
			t.Errorf("event %s: topic %q source %q dataschema %q", ev.ID, r.Topic, ev.Source, ev.DataSchema)
		}
		if err := v.Validate(ev.Type, ev.Data); err != nil {
			t.Errorf("outbox payload fails its schema: %v\n%s", err, ev.Data)
		}
		out = append(out, ev)
	}
	return out
}

func decode[T any](t *testing.T, ev events.Event) T {
	t.Helper()
	var v T
	if err := ev.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
