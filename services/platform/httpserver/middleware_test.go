package httpserver_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/logging"
	"github.com/taskrocket/taskrocket/services/platform/metrics"
)

func TestRouting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		method     string
		path       string
		wantStatus int
		wantCode   string
		wantBody   string // substring of a success body
	}{
		{"route-404-unknown-path", http.MethodGet, "/nope", http.StatusNotFound, "route_not_found", ""},
		{"route-404-unknown-path-post", http.MethodPost, "/tasks/1/nope", http.StatusNotFound, "route_not_found", ""},
		{"route-405-wrong-method", http.MethodDelete, "/healthz", http.StatusMethodNotAllowed, "method_not_allowed", ""},
		{"healthz-200-names-service", http.MethodGet, "/healthz", http.StatusOK, "", `"service":"test"`},
		{"version-200-names-build", http.MethodGet, "/version", http.StatusOK, "", `"goVersion":"go`},
	}
	s := newServer(httpserver.Options{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := serve(s, httptest.NewRequest(tc.method, tc.path, nil))
			if rec.Code != tc.wantStatus {
				t.Fatalf("HTTP %d, want %d: %s", rec.Code, tc.wantStatus, rec.Body)
			}
			if tc.wantCode == "" {
				if !strings.Contains(rec.Body.String(), tc.wantBody) {
					t.Fatalf("body %s lacks %s", rec.Body, tc.wantBody)
				}
				return
			}
			if b := recErrorBody(t, rec); b.Error.Code != tc.wantCode {
				t.Fatalf("code %q, want %q", b.Error.Code, tc.wantCode)
			}
			if tc.wantStatus == http.StatusMethodNotAllowed && rec.Header().Get("Allow") != http.MethodGet {
				t.Fatalf("Allow = %q, want GET", rec.Header().Get("Allow"))
			}
		})
	}
}

func TestRequestID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		sent     string // "" sends no header
		wantEcho bool
	}{
		{"rid-echoed-when-valid", "gw-0123456789abcdef", true},
		{"rid-echoed-uuid", "7f1c1c9e-3a56-4c1b-9a8e-5c8f7b1d2e3f", true},
		{"rid-generated-when-missing", "", false},
		{"rid-replaced-when-too-short", "abc", false},
		{"rid-replaced-when-too-long", strings.Repeat("a", 129), false},
		{"rid-replaced-when-it-contains-newline", "abcdefgh\nlevel=ERROR msg=forged", false},
		{"rid-replaced-when-it-contains-spaces", "abcdefgh ijklmnop", false},
	}
	s := newServer(httpserver.Options{})
	s.Engine.GET("/whoami", func(c *gin.Context) {
		c.String(http.StatusOK, logging.RequestID(c.Request.Context()))
	})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(http.MethodGet, "/whoami", nil)
			if tc.sent != "" {
				req.Header.Set(httpserver.HeaderRequestID, tc.sent)
			}
			rec := serve(s, req)
			got := rec.Header().Get(httpserver.HeaderRequestID)
			if rec.Body.String() != got {
				t.Fatalf("handler saw request id %q, response carries %q", rec.Body, got)
			}
			if tc.wantEcho {
				if got != tc.sent {
					t.Fatalf("request id %q not echoed, got %q", tc.sent, got)
				}
				return
			}
			if _, err := uuid.Parse(got); err != nil || got == tc.sent {
				t.Fatalf("junk request id %q: response carries %q, want a fresh UUID", tc.sent, got)
			}
		})
	}
}

func TestPanicBecomesJSON500(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	reg := metrics.New("test")
	s := newServer(httpserver.Options{Logger: logging.New(&logs, "test", "dev", "info"), Metrics: reg})
	s.Engine.GET("/boom", func(*gin.Context) { panic("nil map write near password=hunter2") })

	req := httptest.NewRequest(http.MethodGet, "/boom", nil)
	req.Header.Set(httpserver.HeaderRequestID, "req-panic-0001")
	rec := serve(s, req)

	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("HTTP %d, want 500", rec.Code)
	}
	if b := recErrorBody(t, rec); b.Error.Code != "internal" {
		t.Fatalf("code %q, want internal", b.Error.Code)
	}
	if strings.Contains(rec.Body.String(), "hunter2") {
		t.Fatalf("panic value leaked to the client: %s", rec.Body)
	}
	if out := logs.String(); !strings.Contains(out, "hunter2") || !strings.Contains(out, `"request_id":"req-panic-0001"`) {
		t.Fatalf("panic not logged with its request id:\n%s", out)
	}
	if got := requestCount(t, s, `route="/boom"`, `status="500"`); got != "1" {
		t.Fatalf("panicking request counted %q times as a 500 in metrics, want 1", got)
	}
	if rec := get(s, "/healthz"); rec.Code != http.StatusOK {
		t.Fatalf("server stopped serving after a panic: HTTP %d", rec.Code)
	}
}

func TestRequestMetrics(t *testing.T) {
	t.Parallel()
	s := newServer(httpserver.Options{Metrics: metrics.New("test")})
	s.Engine.GET("/tasks/:id", func(c *gin.Context) { c.Status(http.StatusNoContent) })

	serve(s, httptest.NewRequest(http.MethodGet, "/tasks/41", nil))
	serve(s, httptest.NewRequest(http.MethodGet, "/tasks/42", nil))
	get(s, "/no/such/route/1")
	get(s, "/no/such/route/2")

	if got := requestCount(t, s, `method="GET"`, `route="/tasks/:id"`, `service="test"`, `status="204"`); got != "2" {
		t.Fatalf("requests to /tasks/:id counted %q times, want 2", got)
	}
	if got := requestCount(t, s, `route="unmatched"`, `status="404"`); got != "2" {
		t.Fatalf("unknown routes counted %q times under route=unmatched, want 2", got)
	}
	for _, line := range metricLines(t, s, "http_server_request_duration_seconds_count") {
		if strings.Contains(line, "/tasks/41") || strings.Contains(line, "/no/such") {
			t.Fatalf("raw path used as a label (unbounded series): %s", line)
		}
	}
}

func TestMetricsRouteOnlyWithRegistry(t *testing.T) {
	t.Parallel()
	if rec := get(newServer(httpserver.Options{}), "/metrics"); rec.Code != http.StatusNotFound {
		t.Fatalf("/metrics without a registry: HTTP %d, want 404", rec.Code)
	}
}

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
