package ports_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/adapters"
	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/auth/domain"
	"github.com/taskrocket/taskrocket/services/auth/ports"
	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

const appToken = "sidecar-secret"

// server is the service's HTTP surface over an in-memory store, behind the
// platform's middleware, driven the way the gateway and sidecar drive it.
type server struct {
	handler http.Handler
	app     *app.Application
}

func newServer(t testing.TB) *server {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	store := adapters.NewMemoryStore(nil)
	a, err := app.New(app.Options{
		Issuer: "taskrocket", Audience: "taskrocket-api",
		Lifetimes:   domain.Lifetimes{Access: 10 * time.Minute, Refresh: 720 * time.Hour, Session: 2160 * time.Hour},
		KeyRotation: 720 * time.Hour, KeyReload: time.Minute, Log: log,
	}, store, store)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Keys().Load(t.Context()); err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httpserver.New(httpserver.Options{Service: "auth", Addr: "127.0.0.1:0", Logger: log})
	if err := ports.Register(srv.Engine, ports.Options{
		App: a, Verifier: authn.NewVerifier(a.Keys(), "taskrocket", "taskrocket-api"),
		AppToken: appToken, PublicURL: "https://tasks.example.com/", OpenAPI: doc, Log: log,
	}); err != nil {
		t.Fatal(err)
	}
	return &server{handler: srv.Engine, app: a}
}

// do sends a request; header pairs follow the body.
func (s *server) do(method, path, body string, header ...string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.handler.ServeHTTP(rec, req)
	return rec
}

// internal calls an internal route the way the sidecar delivers it.
func (s *server) internal(method, path, body string) *httptest.ResponseRecorder {
	return s.do(method, path, body, "dapr-api-token", appToken)
}

// login mints a session through the internal endpoint, as users does.
func (s *server) login(t *testing.T, userID string) contracts.TokenPair {
	t.Helper()
	body, _ := json.Marshal(contracts.MintSessionRequest{UserID: userID, Username: "ada", UserAgent: "Firefox/140", ClientIP: "203.0.113.9"})
	rec := s.internal(http.MethodPost, "/internal/sessions", string(body))
	if rec.Code != http.StatusCreated {
		t.Fatalf("mint: %d %s", rec.Code, rec.Body)
	}
	return decode[contracts.TokenPair](t, rec)
}

func bearer(p contracts.TokenPair) []string {
	return []string{"Authorization", "Bearer " + p.AccessToken}
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %s: %v", rec.Body, err)
	}
	return v
}

// wantError asserts the status and the stable code of an error response.
func wantError(t *testing.T, rec *httptest.ResponseRecorder, status int, code string) {
	t.Helper()
	body := decode[apperr.Body](t, rec)
	if rec.Code != status || body.Error.Code != code || body.Error.Message == "" {
		t.Fatalf("got %d %s, want %d %s", rec.Code, rec.Body, status, code)
	}
	if status == http.StatusUnauthorized && rec.Header().Get("WWW-Authenticate") == "" && code != "sidecar_token_required" {
		t.Fatal("401 without WWW-Authenticate")
	}
}
