package httpserver_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

func TestReadyz(t *testing.T) {
	t.Parallel()
	ok := func(context.Context) error { return nil }
	down := func(context.Context) error { return errors.New("dapr sidecar unreachable") }
	hangs := func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }

	tests := []struct {
		name       string
		checks     []httpserver.Check
		wantStatus int
		wantBody   map[string]any
	}{
		{"readyz-200-without-checks", nil, http.StatusOK,
			map[string]any{"status": "ready", "checks": map[string]any{}}},
		{"readyz-200-all-checks-pass", []httpserver.Check{{"dapr", ok}, {"db", ok}}, http.StatusOK,
			map[string]any{"status": "ready", "checks": map[string]any{"dapr": "ok", "db": "ok"}}},
		{"readyz-503-names-failing-check", []httpserver.Check{{"dapr", down}, {"db", ok}}, http.StatusServiceUnavailable,
			map[string]any{"status": "not_ready", "checks": map[string]any{"dapr": "dapr sidecar unreachable", "db": "ok"}}},
		{"readyz-503-when-a-check-hangs", []httpserver.Check{{"db", hangs}, {"dapr", ok}}, http.StatusServiceUnavailable,
			map[string]any{"status": "not_ready", "checks": map[string]any{"db": context.DeadlineExceeded.Error(), "dapr": "ok"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := get(newServer(httpserver.Options{Checks: tc.checks}), "/readyz")
			if rec.Code != tc.wantStatus {
				t.Fatalf("HTTP %d, want %d: %s", rec.Code, tc.wantStatus, rec.Body)
			}
			var got map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.wantBody) {
				t.Fatalf("body %v, want %v", got, tc.wantBody)
			}
		})
	}
}

// startServer runs s on a free local port until the returned cancel is
// called; wait returns Run's result.
func startServer(t *testing.T, s *httpserver.Server) (base string, cancel context.CancelFunc, wait func() error) {
	t.Helper()
	addr, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(cancel)
	wait = func() error {
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("Run did not return after its context was cancelled")
			return nil
		}
	}
	return "http://" + addr.String(), cancel, wait
}

// eventually polls cond until it holds, failing the test after 5s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestRunDrainsGracefully(t *testing.T) {
	t.Parallel()
	s := newServer(httpserver.Options{Addr: "127.0.0.1:0"})
	entered, release := make(chan struct{}), make(chan struct{})
	s.Engine.GET("/slow", func(c *gin.Context) {
		close(entered)
		<-release
		c.String(http.StatusOK, "finished")
	})
	base, cancel, wait := startServer(t, s)

	if resp, err := http.Get(base + "/readyz"); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("readyz before shutdown: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}

	type result struct {
		status int
		body   string
		err    error
	}
	inflight := make(chan result, 1)
	go func() {
		resp, err := http.Get(base + "/slow")
		if err != nil {
			inflight <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		inflight <- result{resp.StatusCode, string(b), err}
	}()
	<-entered

	cancel() // SIGTERM
	eventually(t, "readiness reports shutting_down", func() bool {
		rec := get(s, "/readyz")
		return rec.Code == http.StatusServiceUnavailable && recErrorBody(t, rec).Error.Code == "shutting_down"
	})
	eventually(t, "new connections are refused", func() bool {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err != nil
	})

	close(release)
	if r := <-inflight; r.err != nil || r.status != http.StatusOK || r.body != "finished" {
		t.Fatalf("in-flight request during shutdown: %+v", r)
	}
	if err := wait(); err != nil {
		t.Fatalf("Run after a graceful shutdown: %v", err)
	}
}

func TestRunReportsRequestsOutlivingShutdownTimeout(t *testing.T) {
	t.Parallel()
	s := newServer(httpserver.Options{Addr: "127.0.0.1:0", ShutdownTimeout: 100 * time.Millisecond})
	entered, release := make(chan struct{}), make(chan struct{})
	t.Cleanup(func() { close(release) })
	s.Engine.GET("/stuck", func(c *gin.Context) {
		close(entered)
		<-release
	})
	base, cancel, wait := startServer(t, s)
	go func() {
		if resp, err := http.Get(base + "/stuck"); err == nil {
			resp.Body.Close()
		}
	}()
	<-entered
	cancel()
	if err := wait(); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Run = %v, want a shutdown deadline error", err)
	}
}

func TestRunFailsFastOnBusyPort(t *testing.T) {
	t.Parallel()
	first := newServer(httpserver.Options{Addr: "127.0.0.1:0"})
	addr, err := first.Listen()
	if err != nil {
		t.Fatal(err)
	}
	_, cancel, wait := startServer(t, first)
	defer func() { cancel(); _ = wait() }()

	second := newServer(httpserver.Options{Addr: addr.String()})
	if err := second.Run(t.Context()); err == nil {
		t.Fatalf("second server on busy %s: Run returned nil", addr)
	}
}
