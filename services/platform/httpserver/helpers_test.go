package httpserver_test

import (
	"bufio"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func newServer(opts httpserver.Options) *httpserver.Server {
	if opts.Service == "" {
		opts.Service = "test"
	}
	if opts.Logger == nil {
		opts.Logger = discardLogger()
	}
	return httpserver.New(opts)
}

// serve runs one request through the engine in process.
func serve(s *httpserver.Server, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	s.Engine.ServeHTTP(rec, req)
	return rec
}

func get(s *httpserver.Server, path string) *httptest.ResponseRecorder {
	return serve(s, httptest.NewRequest(http.MethodGet, path, nil))
}

// errorBody decodes the JSON error document every failure must have.
func errorBody(t testing.TB, status int, contentType string, body []byte) apperr.Body {
	t.Helper()
	if !strings.HasPrefix(contentType, "application/json") {
		t.Fatalf("HTTP %d error has content type %q, want JSON: %s", status, contentType, body)
	}
	var b apperr.Body
	if err := json.Unmarshal(body, &b); err != nil {
		t.Fatalf("HTTP %d error body is not the JSON error document: %v: %s", status, err, body)
	}
	if b.Error.Code == "" || b.Error.Message == "" {
		t.Fatalf("HTTP %d error lacks code or message: %s", status, body)
	}
	return b
}

func recErrorBody(t testing.TB, rec *httptest.ResponseRecorder) apperr.Body {
	t.Helper()
	return errorBody(t, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes())
}

// metricLines returns the exposition lines of /metrics for one metric name.
func metricLines(t testing.TB, s *httpserver.Server, name string) []string {
	t.Helper()
	rec := get(s, "/metrics")
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics: HTTP %d", rec.Code)
	}
	var out []string
	sc := bufio.NewScanner(io.Reader(rec.Body))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), name+"{") || strings.HasPrefix(sc.Text(), name+" ") {
			out = append(out, sc.Text())
		}
	}
	return out
}

// requestCount is the value of the request histogram's _count series that
// carries every one of labels ("" when there is none).
func requestCount(t testing.TB, s *httpserver.Server, labels ...string) string {
	t.Helper()
next:
	for _, line := range metricLines(t, s, "http_server_request_duration_seconds_count") {
		for _, l := range labels {
			if !strings.Contains(line, l) {
				continue next
			}
		}
		return line[strings.LastIndexByte(line, ' ')+1:]
	}
	return ""
}
