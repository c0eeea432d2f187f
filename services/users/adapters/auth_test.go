package adapters_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"

	"github.com/taskrocket/taskrocket/services/users/adapters"
)

// fakeSidecar plays daprd's HTTP invocation API for the auth app.
func fakeSidecar(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, body []byte)) *daprx.Sidecar {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		handle(w, r, body)
	}))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	p, _ := strconv.Atoi(port)
	return daprx.New(daprx.Config{HTTPPort: p, APIToken: "sidecar-api-token"})
}

func TestAuthSessionsMint(t *testing.T) {
	t.Parallel()
	var (
		mu  sync.Mutex
		got contracts.MintSessionRequest
	)
	sidecar := fakeSidecar(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		mu.Lock()
		defer mu.Unlock()
		if r.Method != http.MethodPost || r.URL.Path != "/v1.0/invoke/auth/method/internal/sessions" ||
			r.Header.Get("dapr-api-token") != "sidecar-api-token" || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("unexpected call %s %s %v", r.Method, r.URL.Path, r.Header)
		}
		_ = json.Unmarshal(body, &got)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(contracts.TokenPair{AccessToken: "at", TokenType: "Bearer", ExpiresIn: 900, RefreshToken: "rt", RefreshExpiresIn: 3600, SessionID: "s1"})
	})
	a := adapters.NewAuthSessions(sidecar, "auth")
	req := contracts.MintSessionRequest{UserID: "u1", Username: "ada", UserAgent: "curl/8", ClientIP: "203.0.113.5"}
	pair, err := a.Mint(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got != req || pair.AccessToken != "at" || pair.SessionID != "s1" {
		t.Fatalf("sent %+v, got %+v", got, pair)
	}
}

func TestAuthSessionsRevokeAndFailures(t *testing.T) {
	t.Parallel()
	status := http.StatusNoContent
	var (
		mu   sync.Mutex
		got  contracts.RevokeUserSessionsRequest
		path string
	)
	sidecar := fakeSidecar(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		mu.Lock()
		defer mu.Unlock()
		path = r.URL.Path
		_ = json.Unmarshal(body, &got)
		w.WriteHeader(status)
	})
	a := adapters.NewAuthSessions(sidecar, "auth")
	req := contracts.RevokeUserSessionsRequest{UserID: "u1", ExceptSessionID: "s1", Reason: "password_changed"}
	err := a.RevokeUserSessions(context.Background(), req)
	mu.Lock()
	if err != nil || got != req || path != "/v1.0/invoke/auth/method/internal/sessions/revoke" {
		t.Fatalf("revoke: %v, sent %+v to %s", err, got, path)
	}
	mu.Unlock()
	for _, s := range []int{http.StatusForbidden, http.StatusInternalServerError} {
		mu.Lock()
		status = s
		mu.Unlock()
		if err := a.RevokeUserSessions(context.Background(), req); err == nil {
			t.Fatalf("HTTP %d from auth was taken for success", s)
		}
	}
	mu.Lock()
	status = http.StatusOK // 200 without tokens is no session
	mu.Unlock()
	if _, err := a.Mint(context.Background(), contracts.MintSessionRequest{UserID: "u1"}); err == nil {
		t.Fatal("an answer without tokens was accepted")
	}
}
