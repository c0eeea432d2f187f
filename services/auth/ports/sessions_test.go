package ports_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
)

type sessionList struct {
	Sessions []struct {
		ID, UserAgent, ClientIP string
		CreatedAt, LastUsedAt   string
		Current                 bool
	}
}

func TestSessionEndpoints(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	a1, a2, b1 := s.login(t, "u1"), s.login(t, "u1"), s.login(t, "u2")

	wantError(t, s.do(http.MethodGet, "/api/v1/auth/sessions", ""), http.StatusUnauthorized, "token_missing")
	wantError(t, s.do(http.MethodGet, "/api/v1/auth/sessions", "", "Authorization", "Bearer "+a1.RefreshToken), http.StatusUnauthorized, "token_invalid")

	rec := s.do(http.MethodGet, "/api/v1/auth/sessions", "", bearer(a2)...)
	list := decode[sessionList](t, rec)
	if rec.Code != http.StatusOK || len(list.Sessions) != 2 || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("list: %d %s", rec.Code, rec.Body)
	}
	current := map[string]bool{}
	for _, sess := range list.Sessions {
		current[sess.ID] = sess.Current
		if sess.UserAgent != "Firefox/140" || sess.ClientIP != "203.0.113.9" || sess.CreatedAt == "" || sess.LastUsedAt == "" {
			t.Fatalf("session %+v", sess)
		}
	}
	if !current[a2.SessionID] || current[a1.SessionID] {
		t.Fatalf("current flags %v, want only %s", current, a2.SessionID)
	}

	wantError(t, s.do(http.MethodDelete, "/api/v1/auth/sessions/"+b1.SessionID, "", bearer(a1)...), http.StatusNotFound, "session_not_found")
	if rec := s.do(http.MethodDelete, "/api/v1/auth/sessions/"+a2.SessionID, "", bearer(a1)...); rec.Code != http.StatusNoContent {
		t.Fatalf("delete own session: %d %s", rec.Code, rec.Body)
	}
	wantError(t, s.do(http.MethodGet, "/api/v1/auth/sessions", "", bearer(a2)...), http.StatusUnauthorized, "session_revoked")

	if rec := s.do(http.MethodPost, "/api/v1/auth/logout", "", bearer(a1)...); rec.Code != http.StatusNoContent {
		t.Fatalf("logout: %d %s", rec.Code, rec.Body)
	}
	if rec := s.do(http.MethodPost, "/api/v1/auth/logout", "", bearer(a1)...); rec.Code != http.StatusNoContent {
		t.Fatalf("second logout: %d %s", rec.Code, rec.Body)
	}
	wantError(t, s.do(http.MethodPost, "/api/v1/auth/logout-all", "", bearer(a1)...), http.StatusUnauthorized, "session_revoked")

	if rec := s.do(http.MethodPost, "/api/v1/auth/logout-all", "", bearer(b1)...); rec.Code != http.StatusNoContent {
		t.Fatalf("logout-all: %d %s", rec.Code, rec.Body)
	}
	wantError(t, s.do(http.MethodGet, "/api/v1/auth/sessions", "", bearer(b1)...), http.StatusUnauthorized, "session_revoked")
}

func TestInternalEndpoints(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	for _, r := range [][2]string{
		{http.MethodPost, "/internal/sessions"}, {http.MethodPost, "/internal/sessions/revoke"},
		{http.MethodGet, "/internal/sessions/x"}, {http.MethodPost, "/internal/keys/rotate"},
	} {
		wantError(t, s.do(r[0], r[1], `{}`), http.StatusUnauthorized, "sidecar_token_required")
		wantError(t, s.do(r[0], r[1], `{}`, "dapr-api-token", "guess"), http.StatusUnauthorized, "sidecar_token_required")
	}

	wantError(t, s.internal(http.MethodPost, "/internal/sessions", `{"username":"ada"}`), http.StatusBadRequest, "validation_failed")
	a1, a2 := s.login(t, "u1"), s.login(t, "u1")

	rec := s.internal(http.MethodGet, "/internal/sessions/"+a1.SessionID, "")
	st := decode[contracts.SessionState](t, rec)
	if rec.Code != http.StatusOK || !st.Active || st.UserID != "u1" || st.SessionID != a1.SessionID || st.ExpiresAt.IsZero() {
		t.Fatalf("state: %d %s", rec.Code, rec.Body)
	}
	wantError(t, s.internal(http.MethodGet, "/internal/sessions/unknown", ""), http.StatusNotFound, "session_not_found")

	revoke := func(req contracts.RevokeUserSessionsRequest) string { b, _ := json.Marshal(req); return string(b) }
	wantError(t, s.internal(http.MethodPost, "/internal/sessions/revoke", revoke(contracts.RevokeUserSessionsRequest{UserID: "u1", Reason: "bored"})),
		http.StatusBadRequest, "invalid_reason")
	wantError(t, s.internal(http.MethodPost, "/internal/sessions/revoke", `{"reason":"password_changed"}`), http.StatusBadRequest, "validation_failed")
	rec = s.internal(http.MethodPost, "/internal/sessions/revoke",
		revoke(contracts.RevokeUserSessionsRequest{UserID: "u1", ExceptSessionID: a2.SessionID, Reason: "password_changed"}))
	if rec.Code != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", rec.Code, rec.Body)
	}
	if st := decode[contracts.SessionState](t, s.internal(http.MethodGet, "/internal/sessions/"+a1.SessionID, "")); st.Active {
		t.Fatal("revoked session still active")
	}
	if st := decode[contracts.SessionState](t, s.internal(http.MethodGet, "/internal/sessions/"+a2.SessionID, "")); !st.Active {
		t.Fatal("the kept session was revoked")
	}
}
