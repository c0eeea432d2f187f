package ports_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
)

func TestInternalLookupsNeedTheAppToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.signUp("grace", "cobol compiler 1959")
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/me", Token: e.login("grace", "cobol compiler 1959"),
		Body: map[string]any{"avatarUrl": "https://cdn.example.com/g.png", "timezone": "America/New_York"}})
	sidecar := map[string]string{"dapr-api-token": appToken}
	want := contracts.UserRef{ID: u["id"].(string), Username: "grace", DisplayName: "User grace", Email: "grace@example.com",
		Locale: "en", Timezone: "America/New_York", AvatarURL: "https://cdn.example.com/g.png"}

	for _, path := range []string{
		"/internal/users/by-username/grace",
		"/internal/users/by-username/GRACE",
		"/internal/users/by-email/grace@example.com",
		"/internal/users/by-email/Grace%40Example.com",
		"/internal/users/" + want.ID,
	} {
		for _, token := range []string{"", "wrong-token"} {
			r := req{Method: "GET", Path: path}
			if token != "" {
				r.Header = map[string]string{"dapr-api-token": token}
			}
			if res := e.must(http.StatusUnauthorized, r); res.Code() != "sidecar_token_required" {
				t.Fatalf("%s with token %q: %s", path, token, res.Code())
			}
		}
		res := e.must(http.StatusOK, req{Method: "GET", Path: path, Header: sidecar})
		var got contracts.UserRef
		if err := json.Unmarshal(res.Body, &got); err != nil || got != want {
			t.Fatalf("%s: %+v (%v), want %+v", path, got, err, want)
		}
	}
	for _, path := range []string{
		"/internal/users/by-username/nobody",
		"/internal/users/by-username/%E2%80%AEgrace",
		"/internal/users/by-email/nobody@example.com",
		"/internal/users/by-email/not-an-email",
		"/internal/users/01900000-0000-7000-8000-000000000000",
		"/internal/users/not-a-uuid",
		"/internal/users/1%27%20OR%201=1--",
	} {
		if res := e.must(http.StatusNotFound, req{Method: "GET", Path: path, Header: sidecar}); res.Code() != "user_not_found" {
			t.Fatalf("%s: %s", path, res.Code())
		}
	}
}
