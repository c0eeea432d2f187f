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
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/platform/apitest"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/tasks/adapters"
	"github.com/taskrocket/taskrocket/services/tasks/app"
	"github.com/taskrocket/taskrocket/services/tasks/ports"
)

const (
	appToken = "test-app-token"
	issuer   = "taskrocket"
	audience = "taskrocket-api"
	keyID    = "test-key"
)

// env is the tasks service on a fresh database, with a fake projects
// service and real, verifiable access tokens.
type env struct {
	t        *testing.T
	db       *gorm.DB
	engine   *gin.Engine
	projects *fakeProjects
	tokens   tokens
	clock    *clock
	spec     *apitest.Spec
}

// clock is the service's time, moved by tests (overdue, doneAt).
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
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
	c := &clock{now: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	projects := newFakeProjects()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	application := app.New(app.Deps{Store: adapters.NewStore(db), Projects: projects, Log: log, Now: c.Now})
	doc, err := os.ReadFile("../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httpserver.New(httpserver.Options{Service: "tasks", Addr: "127.0.0.1:0", Logger: log})
	verifier := authn.NewVerifier(staticJWKS(jwks), issuer, audience)
	if err := ports.Register(srv.Engine, application, ports.Options{Log: log, Verifier: verifier, AppToken: appToken, OpenAPI: doc}); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, db: db, engine: srv.Engine, projects: projects, tokens: tokens{key: priv}, clock: c, spec: apitest.Load(t, doc)}
	// Every event a test causes must match its contract (runs before the
	// database is dropped: cleanups run last-in first-out).
	t.Cleanup(e.allOutboxEventsValid)
	return e
}

// user is a signed-in person.
type user struct {
	ID    string
	Token string
}

func (e *env) user() user {
	id := uuid.Must(uuid.NewV7()).String()
	return user{ID: id, Token: e.tokens.For(id)}
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
// []byte or io.Reader.
type req struct {
	Method, Path string
	Body         any
	As           user
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
	for k, v := range r.Header {
		hr.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	e.engine.ServeHTTP(rec, hr)
	res := response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	if strings.HasPrefix(r.Path, "/api/") {
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
