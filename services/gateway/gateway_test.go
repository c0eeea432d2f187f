package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"

	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

// fakeSidecar stands in for the gateway's daprd: it serves auth's JWKS and
// session state, and records the invocations the gateway makes.
type fakeSidecar struct {
	t       testing.TB
	pub     ed25519.PublicKey
	mu      sync.Mutex
	calls   []*http.Request
	revoked map[string]bool
	down    map[string]bool // app ids whose invocation fails like daprd does
}

func (f *fakeSidecar) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/v1.0/invoke/")
	if !ok {
		http.NotFound(w, r)
		return
	}
	app, method, _ := strings.Cut(rest, "/method/")
	f.mu.Lock()
	f.calls = append(f.calls, r.Clone(r.Context()))
	revoked, down := f.revoked, f.down[app]
	f.mu.Unlock()
	switch {
	case down:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, `{"errorCode":"ERR_DIRECT_INVOKE","message":"failed to invoke, id: `+app+`"}`)
	case app == "auth" && method == authn.JWKSPath:
		_ = json.NewEncoder(w).Encode(authn.JWKS{Keys: []authn.JWK{{Kty: "OKP", Crv: "Ed25519", Kid: "k1", Use: "sig", Alg: "EdDSA",
			X: base64.RawURLEncoding.EncodeToString(f.pub)}}})
	case app == "auth" && strings.HasPrefix(method, "internal/sessions/"):
		id := strings.TrimPrefix(method, "internal/sessions/")
		if revoked[id] {
			http.NotFound(w, r)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"sessionId": id, "userId": "u1", "active": true})
	case strings.HasPrefix(method, "api/v1/projects/streamed"):
		// Streamed in pieces of unknown length, as daprd answers: size in
		// KiB from the query, an event stream when asked.
		n, _ := strconv.Atoi(r.URL.Query().Get("kib"))
		w.Header().Set("Content-Type", r.URL.Query().Get("type"))
		for range n {
			_, _ = w.Write([]byte(strings.Repeat("x", 1024)))
			w.(http.Flusher).Flush()
		}
	default:
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"app": app, "method": method, "query": r.URL.RawQuery})
	}
}

func (f *fakeSidecar) lastCall() *http.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[len(f.calls)-1]
}

type gatewayEnv struct {
	srv           *httptest.Server
	sidecar       *fakeSidecar
	sidecarClient *daprx.Sidecar
	priv          ed25519.PrivateKey
}

func newGateway(t testing.TB, rps float64) *gatewayEnv {
	t.Helper()
	return newGatewayWithUI(t, rps, "")
}

// newGatewayWithUI is newGateway serving the built UI in uiDir ("": none).
func newGatewayWithUI(t testing.TB, rps float64, uiDir string) *gatewayEnv {
	t.Helper()
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	fs := &fakeSidecar{t: t, pub: pub, revoked: map[string]bool{}, down: map[string]bool{}}
	daprd := httptest.NewServer(fs)
	t.Cleanup(daprd.Close)
	u, _ := url.Parse(daprd.URL)
	port, _ := strconv.Atoi(u.Port())
	sc := daprx.New(daprx.Config{HTTPPort: port, APIToken: "gw-token"})
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	verifier := authn.NewVerifier(authn.SidecarKeySource{Sidecar: sc, AppID: "auth"}, "taskrocket", "taskrocket-api")
	px := newProxy(newRouter(routeTable()), sc, verifier, newSessionView(askAuth(sc, "auth"), viewOptions{}), log, 5*time.Second)

	s := httpserver.New(httpserver.Options{Service: "gateway", Addr: "127.0.0.1:0", Logger: log})
	if err := installEdge(s.Engine, nil, []string{"http://localhost:4200"}, rps, int(rps)); err != nil {
		t.Fatal(err)
	}
	var ui func(*gin.Context) bool
	if uiDir != "" {
		ui = uiHandler(uiDir)
	}
	s.Engine.NoRoute(fallback(px.handle, ui))
	srv := httptest.NewServer(s.Engine)
	t.Cleanup(srv.Close)
	return &gatewayEnv{srv: srv, sidecar: fs, sidecarClient: sc, priv: priv}
}

func (g *gatewayEnv) token(t testing.TB, sid string) string {
	t.Helper()
	now := time.Now()
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, authn.Claims{
		RegisteredClaims: jwt.RegisteredClaims{Issuer: "taskrocket", Audience: jwt.ClaimStrings{"taskrocket-api"},
			Subject: "u1", ID: "j1", IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(5 * time.Minute))},
		SessionID: sid,
	})
	tok.Header["kid"], tok.Header["typ"] = "k1", authn.AccessTokenType
	s, err := tok.SignedString(g.priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (g *gatewayEnv) do(t *testing.T, method, path, bearer string, header map[string]string) (*http.Response, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, g.srv.URL+path, nil)
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp, body
}

func code(body map[string]any) string {
	e, _ := body["error"].(map[string]any)
	c, _ := e["code"].(string)
	return c
}

func TestProxyForwardsThroughSidecar(t *testing.T) {
	t.Parallel()
	g := newGateway(t, 0)
	resp, body := g.do(t, http.MethodGet, "/api/v1/projects/p1/tasks?status=todo", g.token(t, "s1"),
		map[string]string{"dapr-api-token": "stolen", "dapr-app-id": "auth"})
	if resp.StatusCode != http.StatusOK || body["app"] != "tasks" || body["method"] != "api/v1/projects/p1/tasks" || body["query"] != "status=todo" {
		t.Fatalf("got %d %v", resp.StatusCode, body)
	}
	call := g.sidecar.lastCall()
	if call.Header.Get("dapr-api-token") != "gw-token" {
		t.Errorf("the sidecar must get the gateway's own API token, got %q", call.Header.Get("dapr-api-token"))
	}
	if call.Header.Get("dapr-app-id") != "" {
		t.Errorf("client-sent dapr-* headers must be dropped")
	}
	if call.Header.Get("X-Request-ID") == "" || call.Header.Get("Authorization") == "" {
		t.Errorf("request id and the bearer token must reach the service")
	}
}

func TestProxyRefusals(t *testing.T) {
	t.Parallel()
	g := newGateway(t, 0)
	g.sidecar.revoked["gone"] = true
	g.sidecar.down["search"] = true
	tests := []struct {
		name, method, path string
		bearer             string
		wantStatus         int
		wantCode           string
	}{
		{"protected-401-no-token", http.MethodGet, "/api/v1/projects", "", 401, "token_missing"},
		{"protected-401-garbage-token", http.MethodGet, "/api/v1/projects", "not.a.jwt", 401, "token_invalid"},
		{"revoked-session-401", http.MethodGet, "/api/v1/projects", g.token(t, "gone"), 401, "session_revoked"},
		{"unknown-route-404", http.MethodGet, "/api/v1/unknown", g.token(t, "s1"), 404, "route_not_found"},
		{"service-down-503", http.MethodGet, "/api/v1/search?q=x", g.token(t, "s1"), 503, "service_unavailable"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := g.do(t, tc.method, tc.path, tc.bearer, nil)
			if resp.StatusCode != tc.wantStatus || code(body) != tc.wantCode {
				t.Fatalf("got %d %v, want %d %s", resp.StatusCode, body, tc.wantStatus, tc.wantCode)
			}
		})
	}
}

func TestPublicRoutesNeedNoToken(t *testing.T) {
	t.Parallel()
	g := newGateway(t, 0)
	resp, body := g.do(t, http.MethodPost, "/api/v1/auth/login", "", nil)
	if resp.StatusCode != http.StatusOK || body["app"] != "users" {
		t.Fatalf("login should reach users without a token: %d %v", resp.StatusCode, body)
	}
}

func TestRateLimitPerClient(t *testing.T) {
	t.Parallel()
	g := newGateway(t, 5)
	var limited *http.Response
	for range 20 {
		resp, body := g.do(t, http.MethodPost, "/api/v1/auth/login", "", nil)
		if resp.StatusCode == http.StatusTooManyRequests {
			if code(body) != "rate_limited" {
				t.Fatalf("429 with code %q", code(body))
			}
			limited = resp
			break
		}
	}
	if limited == nil {
		t.Fatal("20 requests at once with a burst of 5 were never limited")
	}
	if ra, err := strconv.Atoi(limited.Header.Get("Retry-After")); err != nil || ra < 1 {
		t.Fatalf("Retry-After = %q", limited.Header.Get("Retry-After"))
	}
}

// A client cannot escape its rate limit, or make the services count its
// failed logins against someone else, by claiming another address.
func TestForwardedForFromClientIsIgnored(t *testing.T) {
	t.Parallel()
	g := newGateway(t, 5)
	limited := false
	for i := range 20 {
		resp, _ := g.do(t, http.MethodPost, "/api/v1/auth/login", "", map[string]string{
			"X-Forwarded-For": "203.0.113." + strconv.Itoa(i+1)})
		if resp.StatusCode == http.StatusTooManyRequests {
			limited = true
			break
		}
		if got := g.sidecar.lastCall().Header.Get("X-Forwarded-For"); got != "127.0.0.1" {
			t.Fatalf("services were told the client is %q, want the peer address 127.0.0.1", got)
		}
	}
	if !limited {
		t.Fatal("20 requests with a new X-Forwarded-For each escaped a burst of 5")
	}
}

func TestCORS(t *testing.T) {
	t.Parallel()
	g := newGateway(t, 0)
	resp, _ := g.do(t, http.MethodOptions, "/api/v1/projects", "", map[string]string{"Origin": "http://localhost:4200"})
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != "http://localhost:4200" {
		t.Fatalf("allowed origin preflight: %d %v", resp.StatusCode, resp.Header)
	}
	resp, body := g.do(t, http.MethodOptions, "/api/v1/projects", "", map[string]string{"Origin": "https://evil.example"})
	if resp.StatusCode != http.StatusForbidden || code(body) != "origin_not_allowed" || resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("foreign origin preflight: %d %v", resp.StatusCode, resp.Header)
	}
}

// Control bytes in a path (decoded from %00, %0a, ...) are refused with a
// clear 400 before routing, on API and UI paths alike, instead of breaking
// the proxy.
func TestControlBytesInPathAreRefused(t *testing.T) {
	t.Parallel()
	g := newGatewayWithUI(t, 0, builtUI(t))
	for _, path := range []string{"/api/v1/projects/%00/tasks", "/api/v1/tasks/a%0Ab", "/api/v1/projects/%7F",
		"/api/v1/auth/login%00", "/.well-known/jwks.json%09", "/projects/%00"} {
		resp, body := g.do(t, http.MethodGet, path, g.token(t, "s1"), nil)
		if resp.StatusCode != http.StatusBadRequest || code(body) != "invalid_path" {
			t.Errorf("GET %s: %d %v, want 400 invalid_path", path, resp.StatusCode, body)
		}
	}
	// Escaped characters that are not control bytes still reach the
	// service that owns the path, with their escaping intact: an escaped
	// slash stays inside its segment.
	resp, body := g.do(t, http.MethodGet, "/api/v1/projects/a%2Fb%20c/tasks", g.token(t, "s1"), nil)
	if resp.StatusCode != http.StatusOK || body["app"] != "tasks" || g.sidecar.lastCall().URL.EscapedPath() !=
		"/v1.0/invoke/tasks/method/api/v1/projects/a%2Fb%20c/tasks" {
		t.Fatalf("escaped path: %d %v", resp.StatusCode, body)
	}
}

// Answers the sidecar streams in pieces of unknown length reach the
// client sized and whole (the proxy does not flush every piece), except
// event streams and answers over the buffer's size, which pass through.
func TestStreamedAnswersAreSizedUnlessLargeOrEventStreams(t *testing.T) {
	t.Parallel()
	g := newGateway(t, 0)
	tok := g.token(t, "s1")
	for _, tc := range []struct {
		name, query string
		sized       bool
		size        int
	}{
		{"a page of tasks", "kib=40&type=application/json", true, 40 << 10},
		{"over the buffer", "kib=1100&type=application/json", false, 1100 << 10},
		{"an event stream", "kib=3&type=text/event-stream", false, 3 << 10},
	} {
		req, _ := http.NewRequest(http.MethodGet, g.srv.URL+"/api/v1/projects/streamed?"+tc.query, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if len(body) != tc.size {
			t.Fatalf("%s: %d bytes, want %d", tc.name, len(body), tc.size)
		}
		if sized := res.ContentLength == int64(tc.size); sized != tc.sized {
			t.Errorf("%s: Content-Length %d (transfer encoding %v), sized %v, want %v", tc.name, res.ContentLength, res.TransferEncoding, sized, tc.sized)
		}
	}
}
