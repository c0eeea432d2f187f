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

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apitest"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/projects/adapters"
	"github.com/taskrocket/taskrocket/services/projects/app"
	"github.com/taskrocket/taskrocket/services/projects/ports"
)

const (
	appToken = "test-app-token"
	issuer   = "taskrocket"
	audience = "taskrocket-api"
	keyID    = "test-key"
)

// env is the projects service on a fresh database, with a fake users
// service and a signer of real, verifiable access tokens.
type env struct {
	t      *testing.T
	db     *gorm.DB
	engine *gin.Engine
	key    ed25519.PrivateKey
	users  *fakeUsers
	spec   *apitest.Spec
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
	users := &fakeUsers{known: map[string]bool{}}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	application := app.New(app.Deps{Store: adapters.NewStore(db), Users: users, Log: log})
	doc, err := os.ReadFile("../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httpserver.New(httpserver.Options{Service: "projects", Addr: "127.0.0.1:0", Logger: log})
	verifier := authn.NewVerifier(staticJWKS(jwks), issuer, audience)
	if err := ports.Register(srv.Engine, application, ports.Options{Log: log, Verifier: verifier, AppToken: appToken, OpenAPI: doc}); err != nil {
		t.Fatal(err)
	}
	return &env{t: t, db: db, engine: srv.Engine, key: priv, users: users, spec: apitest.Load(t, doc)}
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

func (r response) code() string {
	var body struct {
		Error struct{ Code string } `json:"error"`
	}
	_ = json.Unmarshal(r.Body, &body)
	return body.Error.Code
}

// req describes one request; Body is JSON-encoded unless it is a string,
// []byte or io.Reader. As sends it with that user's token; Sidecar with
// the app token, as the sidecar delivers internal calls.
type req struct {
	Method, Path string
	Body         any
	As           user
	Sidecar      bool
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
	if r.As.Token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.As.Token)
	}
	if r.Sidecar {
		hr.Header.Set("dapr-api-token", appToken)
	}
	for k, v := range r.Header {
		hr.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	e.engine.ServeHTTP(rec, hr)
	res := response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	if strings.HasPrefix(hr.URL.Path, "/api/") {
		e.spec.CheckResponse(e.t, hr, res.Status, res.Header, res.Body)
	}
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

// fail sends r and fails the test unless the answer is status with code.
func (e *env) fail(status int, code string, r req) {
	e.t.Helper()
	res := e.do(r)
	if res.Status != status || res.code() != code {
		e.t.Fatalf("%s %s: got %d %q, want %d %q: %s", r.Method, r.Path, res.Status, res.code(), status, code, res.Body)
	}
}

// createProject creates a project owned by u and returns it.
func (e *env) createProject(u user, name, key string) map[string]any {
	e.t.Helper()
	return e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/projects", As: u,
		Body: map[string]any{"name": name, "key": key}}).json(e.t)
}

// addMember makes u a participant of project id (owner acting).
func (e *env) addMember(owner user, id string, u user) {
	e.t.Helper()
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/projects/" + id + "/members", As: owner,
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
	out := map[string]int64{}
	for _, table := range []string{"projects", "project_members", "outbox_events", "processed_events"} {
		var n int64
		if err := e.db.Raw("SELECT count(*) FROM " + table).Scan(&n).Error; err != nil {
			e.t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

// outboxEvents returns the stored events of one type, oldest first, after
// checking each against the event type's JSON Schema and the topic.
func (e *env) outboxEvents(eventType string) []events.Event {
	e.t.Helper()
	var rows []struct {
		Topic   string
		Payload []byte
	}
	if err := e.db.Raw(`SELECT topic, payload FROM outbox_events WHERE event_type = ? ORDER BY seq`, eventType).Scan(&rows).Error; err != nil {
		e.t.Fatal(err)
	}
	v, err := contracts.NewValidator()
	if err != nil {
		e.t.Fatal(err)
	}
	var out []events.Event
	for _, r := range rows {
		ev, err := events.Parse(r.Payload)
		if err != nil {
			e.t.Fatalf("outbox row is not a CloudEvent: %v", err)
		}
		if r.Topic != contracts.TopicProjects || ev.Source != app.EventSource || ev.DataSchema != contracts.SchemaURL(eventType) {
			e.t.Errorf("event %s: topic %q source %q dataschema %q", ev.ID, r.Topic, ev.Source, ev.DataSchema)
		}
		if err := v.Validate(ev.Type, ev.Data); err != nil {
			e.t.Errorf("outbox payload fails its schema: %v\n%s", err, ev.Data)
		}
		out = append(out, ev)
	}
	return out
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

func decode[T any](t *testing.T, ev events.Event) T {
	t.Helper()
	var v T
	if err := ev.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func mustEqual[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Fatalf("%s = %v, want %v", what, got, want)
	}
}
