package authn_test

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

func TestRequire(t *testing.T) {
	t.Parallel()
	key := newEd25519Key(t, "k1")
	valid := key.token(t, nil)
	expired := key.token(t, func(_ map[string]any, c jwt.MapClaims) {
		c["iat"], c["exp"] = time.Now().Add(-2*time.Hour).Unix(), time.Now().Add(-time.Hour).Unix()
	})
	const challenge = `Bearer realm="taskrocket"`

	tests := []struct {
		name          string
		authorization string
		jwksDown      bool
		wantStatus    int
		wantCode      string // error code, or "" for success
		wantChallenge bool
	}{
		{"require-401-no-header", "", false, http.StatusUnauthorized, "token_missing", true},
		{"require-401-basic-scheme", "Basic dXNlcjpwYXNz", false, http.StatusUnauthorized, "token_missing", true},
		{"require-401-bearer-without-token", "Bearer   ", false, http.StatusUnauthorized, "token_missing", true},
		{"require-401-token-without-scheme", valid, false, http.StatusUnauthorized, "token_missing", true},
		{"require-401-invalid-token", "Bearer " + valid + "x", false, http.StatusUnauthorized, "token_invalid", true},
		{"require-401-expired-token", "Bearer " + expired, false, http.StatusUnauthorized, "token_expired", true},
		{"require-503-jwks-unreachable", "Bearer " + valid, true, http.StatusServiceUnavailable, "auth_unavailable", false},
		{"require-200-valid", "Bearer " + valid, false, http.StatusOK, "", false},
		{"require-200-scheme-is-case-insensitive", "bearer " + valid, false, http.StatusOK, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := newFakeJWKS(t, key)
			if tc.jwksDown {
				src.fail(errors.New("connection refused"))
			}
			srv := httpserver.New(httpserver.Options{Service: "test", Logger: slog.New(slog.DiscardHandler)})
			handled := false
			srv.Engine.GET("/me", authn.Require(authn.NewVerifier(src, testIssuer, testAudience)), func(c *gin.Context) {
				handled = true
				p, ok := authn.PrincipalFrom(c)
				if !ok {
					c.AbortWithStatus(http.StatusTeapot)
					return
				}
				c.JSON(http.StatusOK, p)
			})

			req := httptest.NewRequest(http.MethodGet, "/me", nil)
			if tc.authorization != "" {
				req.Header.Set("Authorization", tc.authorization)
			}
			rec := httptest.NewRecorder()
			srv.Engine.ServeHTTP(rec, req)

			if rec.Code != tc.wantStatus {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.wantStatus, rec.Body)
			}
			if got := rec.Header().Get("WWW-Authenticate"); (got == challenge) != tc.wantChallenge {
				t.Fatalf("WWW-Authenticate = %q, want challenge: %v", got, tc.wantChallenge)
			}
			if tc.wantCode != "" {
				var body apperr.Body
				if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Code != tc.wantCode {
					t.Fatalf("body %s, want code %q", rec.Body, tc.wantCode)
				}
				if handled {
					t.Fatal("the protected handler ran for a refused request")
				}
				return
			}
			var p authn.Principal
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			want := authn.Principal{UserID: "user-1", SessionID: "session-1", TokenID: "token-1", Username: "ada"}
			if p != want {
				t.Fatalf("principal %+v, want %+v", p, want)
			}
		})
	}
}

func TestPrincipalFromWithoutRequire(t *testing.T) {
	t.Parallel()
	c := &gin.Context{}
	if p, ok := authn.PrincipalFrom(c); ok {
		t.Fatalf("unauthenticated context yielded a principal: %+v", p)
	}
}
