package daprx_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/daprx"
)

// answering is an app that answers every call with one status and body
// (or cannot be reached), and records the last request.
type answering struct {
	status int
	body   string
	err    error

	verb, method string
	header       http.Header
	sent         string
}

func (f *answering) Invoke(_ context.Context, verb, _, method string, body io.Reader, header http.Header) (*http.Response, error) {
	f.verb, f.method, f.header = verb, method, header
	if body != nil {
		raw, _ := io.ReadAll(body)
		f.sent = string(raw)
	}
	if f.err != nil {
		return nil, f.err
	}
	return &http.Response{StatusCode: f.status, Body: io.NopCloser(strings.NewReader(f.body))}, nil
}

func TestCallReadsTheAnswerByItsStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		app          answering
		wantErr      bool
		wantStatus   int
		wantCode     string
		wantNotFound bool
		wantName     string
	}{
		{name: "decoded", app: answering{status: 200, body: `{"name":"ada"}`}, wantStatus: 200, wantName: "ada"},
		{name: "created", app: answering{status: 201, body: `{"name":"bo"}`}, wantStatus: 201, wantName: "bo"},
		{name: "missing thing", app: answering{status: 404, body: `{"error":{"code":"user_not_found","message":"x"}}`},
			wantStatus: 404, wantCode: "user_not_found", wantNotFound: true},
		{name: "missing route is not an answer", app: answering{status: 404, body: `{"error":{"code":"route_not_found","message":"x"}}`},
			wantStatus: 404, wantCode: "route_not_found"},
		{name: "404 without an error body", app: answering{status: 404, body: `<html>`}, wantStatus: 404, wantNotFound: true},
		{name: "conflict", app: answering{status: 409, body: `{"error":{"code":"project_archived","message":"x"}}`},
			wantStatus: 409, wantCode: "project_archived"},
		{name: "undecodable success", app: answering{status: 200, body: `<html>`}, wantErr: true},
		{name: "unreachable", app: answering{err: errors.New("connection refused")}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := tc.app
			var out struct{ Name string }
			a, err := daprx.Client{Sidecar: &app, AppID: "users"}.Call(context.Background(), http.MethodGet, "internal/users/x", nil, &out)
			if tc.wantErr {
				if err == nil || !strings.Contains(err.Error(), "users internal/users/x") {
					t.Fatalf("err = %v; want an error naming the app and method", err)
				}
				return
			}
			if err != nil || a.Status != tc.wantStatus || a.Code != tc.wantCode || a.NotFound() != tc.wantNotFound || out.Name != tc.wantName {
				t.Fatalf("answer %+v (not found %v), out %+v, err %v", a, a.NotFound(), out, err)
			}
		})
	}
}

func TestCallSendsJSON(t *testing.T) {
	t.Parallel()
	app := &answering{status: 204}
	c := daprx.Client{Sidecar: app, AppID: "auth"}
	if _, err := c.Call(context.Background(), http.MethodPost, "internal/sessions", map[string]string{"userId": "u1"}, nil); err != nil {
		t.Fatal(err)
	}
	if app.verb != http.MethodPost || app.method != "internal/sessions" || app.sent != `{"userId":"u1"}` ||
		app.header.Get("Content-Type") != "application/json" || app.header.Get("Accept") != "application/json" {
		t.Fatalf("sent %s %s %q with %v", app.verb, app.method, app.sent, app.header)
	}

	app = &answering{status: 200, body: `ignored`}
	c.Sidecar = app
	if _, err := c.Call(context.Background(), http.MethodGet, "internal/x", nil, nil); err != nil {
		t.Fatalf("an answer nobody decodes failed: %v", err)
	}
	if app.header.Get("Content-Type") != "" || app.sent != "" {
		t.Fatalf("a call without a body sent %q with %v", app.sent, app.header)
	}
}

func TestUnexpectedNamesTheAnswer(t *testing.T) {
	t.Parallel()
	c := daprx.Client{AppID: "projects"}
	err := c.Unexpected("internal/projects/p", daprx.Answer{Status: 500, Code: "internal", Body: []byte(`{"error":{}}`)})
	if want := "projects internal/projects/p: unexpected HTTP 500 internal"; !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("%v; want it to start with %q", err, want)
	}
}
