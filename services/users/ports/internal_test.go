package ports_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

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

func TestInternalLookupNamesLiveAccountsOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	grace := e.signUp("grace", "cobol compiler 1959")["id"].(string)
	alan := e.signUp("alan", "enigma bombe 1940")["id"].(string)
	linus := e.signUp("linus", "freax kernel 1991")["id"].(string)
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/me", Token: e.login("linus", "freax kernel 1991"),
		Body: map[string]any{"password": "freax kernel 1991"}})
	const path = "/internal/users/lookup"
	sidecar := map[string]string{"dapr-api-token": appToken}
	lookup := func(body any) contracts.UsersLookup {
		t.Helper()
		res := e.must(http.StatusOK, req{Method: "POST", Path: path, Header: sidecar, Body: body})
		var got contracts.UsersLookup
		if err := json.Unmarshal(res.Body, &got); err != nil || got.Users == nil {
			t.Fatalf("answer %s (%v)", res.Body, err)
		}
		return got
	}

	for _, token := range []string{"", "wrong-token"} {
		r := req{Method: "POST", Path: path, Body: map[string]any{"ids": []string{grace}}}
		if token != "" {
			r.Header = map[string]string{"dapr-api-token": token}
		}
		e.api.Refuse(t, http.StatusUnauthorized, "sidecar_token_required", r)
	}

	// Unknown and deleted accounts are left out; repeated ids (in any
	// case) are answered once, in the order first given.
	got := lookup(map[string]any{"ids": []string{
		alan, "01900000-0000-7000-8000-000000000000", linus, strings.ToUpper(grace), grace, alan,
	}})
	want := []contracts.UserName{
		{ID: alan, Username: "alan", DisplayName: "User alan"},
		{ID: grace, Username: "grace", DisplayName: "User grace"},
	}
	if !slices.Equal(got.Users, want) {
		t.Fatalf("lookup: %+v, want %+v", got.Users, want)
	}
	if got := lookup(map[string]any{"ids": []string{}}); len(got.Users) != 0 {
		t.Fatalf("empty lookup: %+v", got.Users)
	}
	most := make([]string, contracts.UsersLookupMax)
	for i := range most {
		most[i] = uuid.NewString()
	}
	most[len(most)-1] = grace
	if got := lookup(map[string]any{"ids": most}); len(got.Users) != 1 || got.Users[0].ID != grace {
		t.Fatalf("lookup of the most ids: %+v", got.Users)
	}

	tests := []struct {
		name    string
		body    any
		code    string
		problem string
	}{
		{"missing-ids", `{}`, "validation_failed", "required"},
		{"null-ids", `{"ids": null}`, "validation_failed", "required"},
		{"too-many", map[string]any{"ids": append(most, uuid.NewString())}, "validation_failed", "too_many"},
		{"not-a-uuid", map[string]any{"ids": []string{grace, "grace"}}, "validation_failed", "invalid"},
		{"sql", map[string]any{"ids": []string{"1' OR '1'='1"}}, "validation_failed", "invalid"},
		{"uuid-without-dashes", map[string]any{"ids": []string{strings.ReplaceAll(grace, "-", "")}}, "validation_failed", "invalid"},
		{"braced-uuid", map[string]any{"ids": []string{"{" + grace + "}"}}, "validation_failed", "invalid"},
		{"number-ids", `{"ids": [1]}`, "invalid_field_type", ""},
		{"string-ids", `{"ids": "` + grace + `"}`, "invalid_field_type", ""},
		{"array-body", `["` + grace + `"]`, "invalid_field_type", ""},
		{"empty-body", ``, "invalid_json", ""},
		{"truncated", `{"ids": [`, "invalid_json", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := e.api.Refuse(t, http.StatusBadRequest, tc.code, req{Method: "POST", Path: path, Header: sidecar, Body: tc.body})
			if tc.problem == "" {
				return
			}
			var body struct {
				Error struct {
					Details struct {
						Fields map[string]string `json:"fields"`
					} `json:"details"`
				} `json:"error"`
			}
			if err := json.Unmarshal(res.Body, &body); err != nil || body.Error.Details.Fields["ids"] != tc.problem {
				t.Fatalf("details: %s", res.Body)
			}
		})
	}
}
