package daprx_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/logging"
)

const appToken = "s3cret-app-token"

func newServer() *httpserver.Server {
	return httpserver.New(httpserver.Options{Service: "test", Logger: slog.New(slog.DiscardHandler)})
}

func TestRequireAppToken(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		configured string
		sent       string // "" sends no header
		wantStatus int
	}{
		{"internal-200-sidecar-token", appToken, appToken, http.StatusOK},
		{"internal-401-missing-token", appToken, "", http.StatusUnauthorized},
		{"internal-401-wrong-token", appToken, "guess", http.StatusUnauthorized},
		{"internal-401-token-prefix", appToken, appToken[:5], http.StatusUnauthorized},
		{"internal-401-nothing-configured-nothing-sent", "", "", http.StatusUnauthorized},
		{"internal-401-nothing-configured-anything-sent", "", "anything", http.StatusUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newServer()
			reached := false
			s.Engine.POST("/internal/reindex", daprx.RequireAppToken(tc.configured), func(c *gin.Context) {
				reached = true
				c.Status(http.StatusOK)
			})
			req := httptest.NewRequest(http.MethodPost, "/internal/reindex", nil)
			if tc.sent != "" {
				req.Header.Set("dapr-api-token", tc.sent)
			}
			rec := httptest.NewRecorder()
			s.Engine.ServeHTTP(rec, req)
			if rec.Code != tc.wantStatus {
				t.Fatalf("HTTP %d, want %d: %s", rec.Code, tc.wantStatus, rec.Body)
			}
			if tc.wantStatus == http.StatusOK {
				return
			}
			var body apperr.Body
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Code != "sidecar_token_required" {
				t.Fatalf("body %s, want code sidecar_token_required", rec.Body)
			}
			if reached {
				t.Fatal("the internal handler ran for a refused request")
			}
		})
	}
}

func cloudEvent(t testing.TB, edit func(m map[string]any)) string {
	t.Helper()
	ev, err := events.New("tasks", "task.created.v1", "task/42", map[string]any{"title": "Ship it"})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	m["id"] = "evt-1"
	m["topic"], m["pubsubname"] = "tasks", "pubsub"
	m["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	if edit != nil {
		edit(m)
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestSubscriber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		body        string
		handlerErr  error
		wantOutcome daprx.Outcome
		wantHandled bool
	}{
		{"deliver-success-on-nil", cloudEvent(t, nil), nil, daprx.Success, true},
		{"deliver-retry-on-error", cloudEvent(t, nil), errors.New("database is down"), daprx.Retry, true},
		{"deliver-retry-on-wrapped-apperr", cloudEvent(t, nil), fmt.Errorf("apply: %w", apperr.Conflict("busy", "try later")), daprx.Retry, true},
		{"deliver-drop-on-errdrop", cloudEvent(t, nil), fmt.Errorf("unknown schema v9: %w", daprx.ErrDrop), daprx.Drop, true},
		{"deliver-drop-not-json", `{"specversion":`, nil, daprx.Drop, false},
		{"deliver-drop-empty-body", ``, nil, daprx.Drop, false},
		{"deliver-drop-wrong-specversion", cloudEvent(t, func(m map[string]any) { m["specversion"] = "0.3" }), nil, daprx.Drop, false},
		{"deliver-drop-missing-id", cloudEvent(t, func(m map[string]any) { delete(m, "id") }), nil, daprx.Drop, false},
		{"deliver-drop-missing-type", cloudEvent(t, func(m map[string]any) { delete(m, "type") }), nil, daprx.Drop, false},
		{"deliver-drop-missing-source", cloudEvent(t, func(m map[string]any) { delete(m, "source") }), nil, daprx.Drop, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newServer()
			var (
				handled bool
				got     events.Event
				gotTP   string
			)
			s.Engine.POST("/events/tasks", daprx.Subscriber(slog.New(slog.DiscardHandler), appToken, func(ctx context.Context, ev events.Event) error {
				handled, got, gotTP = true, ev, logging.TraceParent(ctx)
				return tc.handlerErr
			})...)

			req := httptest.NewRequest(http.MethodPost, "/events/tasks", strings.NewReader(tc.body))
			req.Header.Set("Content-Type", events.ContentType)
			req.Header.Set("dapr-api-token", appToken)
			rec := httptest.NewRecorder()
			s.Engine.ServeHTTP(rec, req)

			// The sidecar reads the outcome from a 200 response only.
			if rec.Code != http.StatusOK {
				t.Fatalf("HTTP %d, want 200: %s", rec.Code, rec.Body)
			}
			var resp struct{ Status daprx.Outcome }
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || resp.Status != tc.wantOutcome {
				t.Fatalf("body %s, want status %s", rec.Body, tc.wantOutcome)
			}
			if handled != tc.wantHandled {
				t.Fatalf("handler called: %v, want %v", handled, tc.wantHandled)
			}
			if !handled {
				return
			}
			var data struct{ Title string }
			if got.ID != "evt-1" || got.Type != "task.created.v1" || got.Topic != "tasks" || got.Decode(&data) != nil || data.Title != "Ship it" {
				t.Fatalf("handler got %+v (data %+v)", got, data)
			}
			if gotTP != "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" {
				t.Fatalf("traceparent not carried into the handler's context: %q", gotTP)
			}
		})
	}
}

func TestSubscriberRefusesCallersOtherThanTheSidecar(t *testing.T) {
	t.Parallel()
	s := newServer()
	handled := false
	s.Engine.POST("/events/tasks", daprx.Subscriber(slog.New(slog.DiscardHandler), appToken, func(context.Context, events.Event) error {
		handled = true
		return nil
	})...)
	req := httptest.NewRequest(http.MethodPost, "/events/tasks", strings.NewReader(cloudEvent(t, nil)))
	req.Header.Set("dapr-api-token", "forged")
	rec := httptest.NewRecorder()
	s.Engine.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized || handled {
		t.Fatalf("forged delivery: HTTP %d, handled %v", rec.Code, handled)
	}
}
