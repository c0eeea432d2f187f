package ports_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/authn"
)

func TestRefreshEndpoint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		run  func(t *testing.T, s *server)
	}{
		{"refresh-200-rotates-and-is-not-cached", func(t *testing.T, s *server) {
			first := s.login(t, "u1")
			rec := s.do(http.MethodPost, "/api/v1/auth/refresh", `{"refreshToken":"`+first.RefreshToken+`"}`)
			if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "no-store" {
				t.Fatalf("%d %v %s", rec.Code, rec.Header(), rec.Body)
			}
			pair := decode[contracts.TokenPair](t, rec)
			if pair.TokenType != "Bearer" || pair.ExpiresIn != 600 || pair.RefreshExpiresIn != 720*3600 ||
				pair.SessionID != first.SessionID || pair.RefreshToken == first.RefreshToken || !strings.HasPrefix(pair.RefreshToken, "trr_") {
				t.Fatalf("token pair %+v", pair)
			}
		}},
		{"refresh-401-reused-then-session-revoked", func(t *testing.T, s *server) {
			first := s.login(t, "u1")
			body := `{"refreshToken":"` + first.RefreshToken + `"}`
			second := decode[contracts.TokenPair](t, s.do(http.MethodPost, "/api/v1/auth/refresh", body))
			wantError(t, s.do(http.MethodPost, "/api/v1/auth/refresh", body), http.StatusUnauthorized, "refresh_token_reused")
			wantError(t, s.do(http.MethodPost, "/api/v1/auth/refresh", `{"refreshToken":"`+second.RefreshToken+`"}`),
				http.StatusUnauthorized, "session_revoked")
		}},
		{"refresh-401-unknown-token", func(t *testing.T, s *server) {
			wantError(t, s.do(http.MethodPost, "/api/v1/auth/refresh", `{"refreshToken":"trr_nope"}`), http.StatusUnauthorized, "refresh_token_invalid")
		}},
		{"refresh-400-empty-body", func(t *testing.T, s *server) {
			wantError(t, s.do(http.MethodPost, "/api/v1/auth/refresh", "", "Content-Type", "application/json"), http.StatusBadRequest, "invalid_json")
		}},
		{"refresh-400-broken-json", func(t *testing.T, s *server) {
			wantError(t, s.do(http.MethodPost, "/api/v1/auth/refresh", `{"refreshToken":`), http.StatusBadRequest, "invalid_json")
		}},
		{"refresh-400-missing-field", func(t *testing.T, s *server) {
			rec := s.do(http.MethodPost, "/api/v1/auth/refresh", `{}`)
			wantError(t, rec, http.StatusBadRequest, "validation_failed")
			if !strings.Contains(rec.Body.String(), `"refreshToken":"required"`) {
				t.Fatalf("details do not name the field: %s", rec.Body)
			}
		}},
		{"refresh-400-wrong-type", func(t *testing.T, s *server) {
			wantError(t, s.do(http.MethodPost, "/api/v1/auth/refresh", `{"refreshToken":42}`), http.StatusBadRequest, "invalid_field_type")
		}},
		{"refresh-415-not-json", func(t *testing.T, s *server) {
			wantError(t, s.do(http.MethodPost, "/api/v1/auth/refresh", "refreshToken=x", "Content-Type", "application/x-www-form-urlencoded"),
				http.StatusUnsupportedMediaType, "unsupported_media_type")
		}},
		{"refresh-413-body-too-large", func(t *testing.T, s *server) {
			wantError(t, s.do(http.MethodPost, "/api/v1/auth/refresh", `{"refreshToken":"`+strings.Repeat("a", 2<<20)+`"}`),
				http.StatusRequestEntityTooLarge, "body_too_large")
		}},
		{"refresh-405-wrong-method", func(t *testing.T, s *server) {
			wantError(t, s.do(http.MethodGet, "/api/v1/auth/refresh", ""), http.StatusMethodNotAllowed, "method_not_allowed")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t, newServer(t))
		})
	}
}

func TestKeyDocuments(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	before := s.login(t, "u1")

	rec := s.do(http.MethodGet, "/.well-known/jwks.json", "")
	if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "public, max-age=300" {
		t.Fatalf("jwks: %d %v", rec.Code, rec.Header())
	}
	if set := decode[authn.JWKS](t, rec); len(set.Keys) != 1 || set.Keys[0].Kty != "OKP" || set.Keys[0].Crv != "Ed25519" {
		t.Fatalf("jwks %s", rec.Body)
	}

	rec = s.do(http.MethodGet, "/.well-known/openid-configuration", "")
	doc := decode[map[string]any](t, rec)
	if rec.Code != http.StatusOK || doc["issuer"] != "taskrocket" || doc["jwks_uri"] != "https://tasks.example.com/.well-known/jwks.json" ||
		!strings.Contains(rec.Body.String(), `"id_token_signing_alg_values_supported":["EdDSA"]`) {
		t.Fatalf("discovery: %d %s", rec.Code, rec.Body)
	}

	wantError(t, s.do(http.MethodPost, "/internal/keys/rotate", ""), http.StatusUnauthorized, "sidecar_token_required")
	rec = s.internal(http.MethodPost, "/internal/keys/rotate", "")
	kid := decode[map[string]string](t, rec)["kid"]
	if rec.Code != http.StatusOK || kid == "" {
		t.Fatalf("rotate: %d %s", rec.Code, rec.Body)
	}
	set := decode[authn.JWKS](t, s.do(http.MethodGet, "/.well-known/jwks.json", ""))
	if len(set.Keys) != 2 || set.Keys[0].Kid != kid {
		t.Fatalf("after rotation the JWKS lists %+v, want the new key first and the previous one", set.Keys)
	}
	if rec := s.do(http.MethodGet, "/api/v1/auth/sessions", "", bearer(before)...); rec.Code != http.StatusOK {
		t.Fatalf("a token signed before the rotation is refused: %d %s", rec.Code, rec.Body)
	}
}
