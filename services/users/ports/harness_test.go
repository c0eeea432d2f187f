package ports_test

import (
	"bytes"
	"context"
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
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apitest"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/users/adapters"
	"github.com/taskrocket/taskrocket/services/users/app"
	"github.com/taskrocket/taskrocket/services/users/domain"
	"github.com/taskrocket/taskrocket/services/users/ports"
)

const (
	appToken = "test-app-token"
	issuer   = "taskrocket"
	audience = "taskrocket-api"
	keyID    = "test-key"
)

// env is the users service on a fresh database, with a fake auth service
// that mints real, verifiable access tokens and records revocations.
type env struct {
	t      *testing.T
	db     *gorm.DB
	engine *gin.Engine
	auth   *fakeAuth
	clock  *clock
	spec   *apitest.Spec
}

func newEnv(t *testing.T) *env {
	t.Helper()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	return newEnvOn(t, db, domain.OWASPArgon2id())
}

func newEnvOn(t *testing.T, db *gorm.DB, params domain.Argon2Params) *env {
	t.Helper()
	ctx := context.Background()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	jwks, _ := json.Marshal(authn.JWKS{Keys: []authn.JWK{{
		Kty: "OKP", Crv: "Ed25519", X: base64.RawURLEncoding.EncodeToString(pub), Kid: keyID, Alg: "EdDSA", Use: "sig",
	}}})
	c := &clock{now: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	auth := &fakeAuth{key: priv, clock: c}
	policy, err := domain.NewPasswordPolicy()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	application, err := app.New(ctx, app.Deps{
		Users:    adapters.NewUsers(db),
		Attempts: adapters.NewLoginAttempts(db, 15*time.Minute, 5),
		Sessions: auth,
		Hasher:   domain.NewHasher(params, 4),
		Policy:   policy,
		Log:      log,
		Now:      c.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httpserver.New(httpserver.Options{Service: "users", Addr: "127.0.0.1:0", Logger: log})
	verifier := authn.NewVerifier(staticJWKS(jwks), issuer, audience)
	if err := ports.Register(srv.Engine, application, ports.Options{Log: log, Verifier: verifier, AppToken: appToken, OpenAPI: doc}); err != nil {
		t.Fatal(err)
	}
	return &env{t: t, db: db, engine: srv.Engine, auth: auth, clock: c, spec: apitest.Load(t, doc)}
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

// signUp creates an account and returns its profile.
func (e *env) signUp(username, password string) map[string]any {
	e.t.Helper()
	res := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users", Body: map[string]any{
		"email": username + "@example.com", "username": username, "displayName": "User " + username, "password": password,
	}})
	return res.json(e.t)["user"].(map[string]any)
}

// login signs in and returns the access token.
func (e *env) login(login, password string) string {
	e.t.Helper()
	res := e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"login": login, "password": password}})
	return res.json(e.t)["accessToken"].(string)
}

// counts returns the number of rows of each table.
func (e *env) counts() map[string]int64 {
	e.t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"users", "outbox_events", "login_attempts"} {
		var n int64
		if err := e.db.Raw("SELECT count(*) FROM " + table).Scan(&n).Error; err != nil {
			e.t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

// outboxEvents returns the stored events of one type, oldest first, after
// checking each payload against the event type's JSON Schema.
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
		if r.Topic != contracts.TopicUsers || ev.Source != app.EventSource || ev.DataSchema != contracts.SchemaURL(eventType) {
			e.t.Errorf("event %s: topic %q source %q dataschema %q", ev.ID, r.Topic, ev.Source, ev.DataSchema)
		}
		if err := v.Validate(ev.Type, ev.Data); err != nil {
			e.t.Errorf("outbox payload fails its schema: %v\n%s", err, ev.Data)
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

func mustEqual[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Fatalf("%s = %v, want %v", what, got, want)
	}
}
