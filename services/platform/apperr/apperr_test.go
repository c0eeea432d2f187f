package apperr

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
)

func TestHTTPMapping(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantCode   string
		wantMsg    string
	}{
		{"conflict-keeps-code", Conflict("email_taken", "email already registered"), http.StatusConflict, "email_taken", "email already registered"},
		{"wrapped-through-fmt", fmt.Errorf("create: %w", NotFound("project_not_found", "no such project")), http.StatusNotFound, "project_not_found", "no such project"},
		{"plain-error-hides-text", errors.New("pq: password=secret"), http.StatusInternalServerError, "internal", "internal server error"},
		{"internal-kind-hides-message", Wrap(errors.New("boom"), KindInternal, "db_down", "database said boom"), http.StatusInternalServerError, "db_down", "internal server error"},
		{"rate-limited", New(KindTooManyRequests, "too_many_attempts", "slow down"), http.StatusTooManyRequests, "too_many_attempts", "slow down"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			status, body := HTTP(tc.err)
			if status != tc.wantStatus || body.Error.Code != tc.wantCode || body.Error.Message != tc.wantMsg {
				t.Fatalf("got %d %+v", status, body)
			}
		})
	}
}

func TestIsMatchesByCode(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("x: %w", Conflict("username_taken", "taken"))
	if !errors.Is(err, Conflict("username_taken", "")) {
		t.Fatal("errors.Is should match on code")
	}
	if errors.Is(err, Conflict("email_taken", "")) {
		t.Fatal("errors.Is must not match a different code")
	}
}
