package httpserver_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/logging"
)

type signupRequest struct {
	Email       string `json:"email" binding:"required,email"`
	DisplayName string `json:"display_name" binding:"required"`
	Age         int    `json:"age"`
}

// signupServer is a service with one route that binds signupRequest the
// way every handler does, under the default 1 MiB body limit.
func signupServer() *httpserver.Server {
	s := newServer(httpserver.Options{})
	log := discardLogger()
	s.Engine.POST("/signup", func(c *gin.Context) {
		var in signupRequest
		if err := httpserver.BindJSON(c, &in); err != nil {
			httpserver.Fail(c, log, err)
			return
		}
		c.JSON(http.StatusCreated, in)
	})
	return s
}

// hugeSignup is a 2 MiB JSON document.
func hugeSignup() string {
	return `{"email":"ada@example.com","display_name":"` + strings.Repeat("x", 2<<20) + `"}`
}

func TestBindJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		contentType   string
		body          string
		unknownLength bool // send without Content-Length, as a chunked upload
		wantStatus    int
		wantCode      string
		wantDetails   map[string]any
	}{
		{name: "bind-201-valid", contentType: "application/json",
			body: `{"email":"ada@example.com","display_name":"Ada","age":36}`, wantStatus: http.StatusCreated},
		{name: "bind-201-json-with-charset", contentType: "application/json; charset=utf-8",
			body: `{"email":"ada@example.com","display_name":"Ada"}`, wantStatus: http.StatusCreated},
		{name: "bind-201-no-content-type", body: `{"email":"ada@example.com","display_name":"Ada"}`, wantStatus: http.StatusCreated},
		{name: "bind-400-empty-body", contentType: "application/json", body: "",
			wantStatus: http.StatusBadRequest, wantCode: "invalid_json"},
		{name: "bind-400-truncated-json", contentType: "application/json", body: `{"email":"ada@`,
			wantStatus: http.StatusBadRequest, wantCode: "invalid_json"},
		{name: "bind-400-malformed-json", contentType: "application/json", body: `{email: ada}`,
			wantStatus: http.StatusBadRequest, wantCode: "invalid_json"},
		{name: "bind-400-wrong-field-type", contentType: "application/json",
			body:       `{"email":"ada@example.com","display_name":"Ada","age":"old"}`,
			wantStatus: http.StatusBadRequest, wantCode: "invalid_field_type",
			wantDetails: map[string]any{"field": "age", "expected": "int"}},
		{name: "bind-400-invalid-email", contentType: "application/json",
			body:       `{"email":"not-an-email","display_name":"Ada"}`,
			wantStatus: http.StatusBadRequest, wantCode: "validation_failed",
			wantDetails: map[string]any{"fields": map[string]any{"email": "email"}}},
		{name: "bind-400-missing-required-fields", contentType: "application/json", body: `{}`,
			wantStatus: http.StatusBadRequest, wantCode: "validation_failed",
			wantDetails: map[string]any{"fields": map[string]any{"email": "required", "display_name": "required"}}},
		{name: "bind-400-text-plain", contentType: "text/plain",
			body:       `{"email":"ada@example.com","display_name":"Ada"}`,
			wantStatus: http.StatusUnsupportedMediaType, wantCode: "unsupported_media_type"},
		{name: "bind-400-form-encoded", contentType: "application/x-www-form-urlencoded",
			body: `email=ada@example.com`, wantStatus: http.StatusUnsupportedMediaType, wantCode: "unsupported_media_type"},
		{name: "bind-413-too-large-with-content-length", contentType: "application/json", body: hugeSignup(),
			wantStatus: http.StatusRequestEntityTooLarge, wantCode: "body_too_large"},
		{name: "bind-413-too-large-without-content-length", contentType: "application/json", body: hugeSignup(),
			unknownLength: true, wantStatus: http.StatusRequestEntityTooLarge, wantCode: "body_too_large"},
	}
	s := signupServer()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(http.MethodPost, "/signup", strings.NewReader(tc.body))
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			if tc.unknownLength {
				req.ContentLength = -1
			}
			rec := serve(s, req)
			if rec.Code != tc.wantStatus {
				t.Fatalf("HTTP %d, want %d: %.300s", rec.Code, tc.wantStatus, rec.Body)
			}
			if tc.wantCode == "" {
				var got signupRequest
				if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got.Email != "ada@example.com" {
					t.Fatalf("bound request not echoed: %s", rec.Body)
				}
				return
			}
			b := recErrorBody(t, rec)
			if b.Error.Code != tc.wantCode {
				t.Fatalf("code %q, want %q", b.Error.Code, tc.wantCode)
			}
			if tc.wantDetails != nil && !reflect.DeepEqual(b.Error.Details, tc.wantDetails) {
				t.Fatalf("details %v, want %v", b.Error.Details, tc.wantDetails)
			}
		})
	}
}

// Over a real connection a chunked upload has no Content-Length at all;
// the limit must still hold and the client must still get JSON.
func TestBodyLimitChunkedOverTheWire(t *testing.T) {
	t.Parallel()
	ts := httptest.NewServer(signupServer().Engine)
	t.Cleanup(ts.Close)

	body := io.MultiReader(strings.NewReader(hugeSignup())) // unknown length: sent chunked
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, ts.URL+"/signup", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("HTTP %d, want 413: %s", resp.StatusCode, raw)
	}
	if b := errorBody(t, resp.StatusCode, resp.Header.Get("Content-Type"), raw); b.Error.Code != "body_too_large" {
		t.Fatalf("code %q, want body_too_large", b.Error.Code)
	}
}

func TestBodyLimitIsConfigurable(t *testing.T) {
	t.Parallel()
	s := newServer(httpserver.Options{BodyLimit: 64})
	s.Engine.POST("/echo", func(c *gin.Context) {
		var in map[string]any
		if err := httpserver.BindJSON(c, &in); err != nil {
			httpserver.Fail(c, discardLogger(), err)
			return
		}
		c.JSON(http.StatusOK, in)
	})
	small := `{"a":"` + strings.Repeat("x", 40) + `"}`
	large := `{"a":"` + strings.Repeat("x", 80) + `"}`
	for body, want := range map[string]int{small: http.StatusOK, large: http.StatusRequestEntityTooLarge} {
		req := httptest.NewRequest(http.MethodPost, "/echo", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if rec := serve(s, req); rec.Code != want {
			t.Fatalf("%d-byte body with a 64-byte limit: HTTP %d, want %d", len(body), rec.Code, want)
		}
	}
}

func TestFail(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	log := logging.New(&logs, "test", "dev", "info")
	s := newServer(httpserver.Options{Logger: log})
	s.Engine.GET("/limited", func(c *gin.Context) {
		err := apperr.New(apperr.KindTooManyRequests, "too_many_attempts", "slow down")
		err.RetryAfter = 1500 * time.Millisecond
		httpserver.Fail(c, log, err)
	})
	s.Engine.GET("/broken", func(c *gin.Context) {
		httpserver.Fail(c, log, fmt.Errorf("load project: %w", errors.New("pq: password authentication failed for user tasks")))
	})

	rec := get(s, "/limited")
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "2" {
		t.Fatalf("rate-limited: HTTP %d, Retry-After %q; want 429 and 2 (seconds, rounded up)", rec.Code, rec.Header().Get("Retry-After"))
	}
	if recErrorBody(t, rec).Error.Code != "too_many_attempts" {
		t.Fatalf("rate-limited body %s", rec.Body)
	}

	rec = get(s, "/broken")
	if rec.Code != http.StatusInternalServerError || recErrorBody(t, rec).Error.Code != "internal" {
		t.Fatalf("internal error: HTTP %d %s", rec.Code, rec.Body)
	}
	if strings.Contains(rec.Body.String(), "password") {
		t.Fatalf("internal error text reached the client: %s", rec.Body)
	}
	if !strings.Contains(logs.String(), "password authentication failed") {
		t.Fatalf("internal error not logged for operators:\n%s", logs.String())
	}
}
