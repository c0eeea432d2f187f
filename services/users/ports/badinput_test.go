package ports_test

import (
	"io"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/apitest"
)

// Every malformed request gets a 4xx with a stable code and writes
// nothing.
func TestBadInputIsRefusedWithAStableCode(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.signUp("ada", "analytical engine")
	token := e.login("ada", "analytical engine")
	huge := `{"email":"big@example.com","username":"big","displayName":"` + strings.Repeat("a", 2<<20) + `","password":"analytical engine"}`
	signUp := func(body string) req { return req{Method: "POST", Path: "/api/v1/users", Body: body} }
	valid := func(field, value string) string {
		fields := map[string]string{"email": `"new@example.com"`, "username": `"newbie"`, "displayName": `"New"`, "password": `"a good long passphrase"`}
		fields[field] = value
		return apitest.Object(fields)
	}

	tests := []struct {
		name   string
		req    req
		status int
		code   string
	}{
		{"empty-body", signUp(""), 400, "invalid_json"},
		{"truncated-json", signUp(`{"email": "a@example.com"`), 400, "invalid_json"},
		{"not-json", signUp(`email=a@example.com`), 400, "invalid_json"},
		{"trailing-garbage-object", signUp(`{} {}`), 400, "validation_failed"},
		{"json-array", signUp(`[]`), 400, "invalid_field_type"},
		{"json-string", signUp(`"hello"`), 400, "invalid_field_type"},
		{"json-null", signUp(`null`), 400, "validation_failed"},
		{"missing-fields", signUp(`{}`), 400, "validation_failed"},
		{"number-for-email", signUp(valid("email", `42`)), 400, "invalid_field_type"},
		{"object-for-username", signUp(valid("username", `{"$ne": null}`)), 400, "invalid_field_type"},
		{"array-for-password", signUp(valid("password", `["a", "b"]`)), 400, "invalid_field_type"},
		{"bool-for-display-name", signUp(valid("displayName", `true`)), 400, "invalid_field_type"},
		{"null-email", signUp(valid("email", `null`)), 400, "validation_failed"},
		{"zero-width-in-username", signUp(valid("username", `"ad\u200ba"`)), 400, "validation_failed"},
		{"rtl-override-in-username", signUp(valid("username", `"\u202eada"`)), 400, "validation_failed"},
		{"kelvin-sign-username", signUp(valid("username", `"\u212aate"`)), 400, "validation_failed"},
		{"cyrillic-username", signUp(valid("username", `"\u0430da"`)), 400, "validation_failed"},
		{"rtl-override-display-name", signUp(valid("displayName", `"\u202eadA"`)), 400, "validation_failed"},
		{"nul-in-display-name", signUp(valid("displayName", `"A\u0000da"`)), 400, "validation_failed"},
		{"sql-in-username", signUp(valid("username", `"ada'; DROP TABLE users;--"`)), 400, "validation_failed"},
		{"sql-in-email", signUp(valid("email", `"x' OR '1'='1@example.com"`)), 400, "validation_failed"},
		{"invalid-utf8-display-name", signUp(valid("displayName", "\"\xff\xfe\"")), 400, "validation_failed"},
		{"two-megabytes", signUp(huge), 413, "body_too_large"},
		{"two-megabytes-no-length", req{Method: "POST", Path: "/api/v1/users", Body: io.MultiReader(strings.NewReader(huge))}, 413, "body_too_large"},
		{"wrong-content-type", req{Method: "POST", Path: "/api/v1/users", Body: valid("email", `"ct@example.com"`), Header: map[string]string{"Content-Type": "text/plain"}}, 415, "unsupported_media_type"},
		{"login-wrong-types", req{Method: "POST", Path: "/api/v1/auth/login", Body: `{"login": 1, "password": 2}`}, 400, "invalid_field_type"},
		{"login-missing", req{Method: "POST", Path: "/api/v1/auth/login", Body: `{}`}, 400, "validation_failed"},
		{"login-huge-login", req{Method: "POST", Path: "/api/v1/auth/login", Body: `{"login":"` + strings.Repeat("a", 300) + `","password":"x"}`}, 400, "validation_failed"},
		{"login-sql", req{Method: "POST", Path: "/api/v1/auth/login", Body: `{"login":"' OR 1=1 --","password":"' OR 1=1 --"}`}, 401, "invalid_credentials"},
		{"patch-wrong-type", req{Method: "PATCH", Path: "/api/v1/me", Token: token, Body: `{"timezone": 3}`}, 400, "invalid_field_type"},
		{"patch-malformed", req{Method: "PATCH", Path: "/api/v1/me", Token: token, Body: `{"timezone":`}, 400, "invalid_json"},
		{"patch-huge", req{Method: "PATCH", Path: "/api/v1/me", Token: token, Body: `{"displayName":"` + strings.Repeat("a", 2<<20) + `"}`}, 413, "body_too_large"},
		{"password-change-wrong-type", req{Method: "POST", Path: "/api/v1/me/password", Token: token, Body: `{"currentPassword": [], "newPassword": {}}`}, 400, "invalid_field_type"},
		{"delete-empty", req{Method: "DELETE", Path: "/api/v1/me", Token: token}, 400, "invalid_json"},
		{"delete-wrong-type", req{Method: "DELETE", Path: "/api/v1/me", Token: token, Body: `{"password": 12345678901}`}, 400, "invalid_field_type"},
		{"unknown-path", req{Method: "GET", Path: "/api/v1/nope"}, 404, "route_not_found"},
		{"wrong-method", req{Method: "PUT", Path: "/api/v1/me", Token: token, Body: `{}`}, 405, "method_not_allowed"},
	}
	before := e.counts()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { e.api.Refuse(t, tc.status, tc.code, tc.req) })
	}
	after := e.counts()
	// login_attempts grows by the one well-formed failed login.
	if after["users"] != before["users"] || after["outbox_events"] != before["outbox_events"] || after["login_attempts"] != before["login_attempts"]+1 {
		t.Fatalf("bad input wrote rows: %v -> %v", before, after)
	}
}
