package ports_test

import (
	"fmt"
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
	ada, bob := e.newUser(), e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	e.addMember(ada, id, bob)
	base := "/api/v1/projects/" + id
	huge := `{"name":"big","key":"BIG","description":"` + strings.Repeat("a", 2<<20) + `"}`
	create := func(body string) req {
		return req{Method: "POST", Path: "/api/v1/projects", Token: ada.Token, Body: body}
	}
	valid := func(field, value string) string {
		fields := map[string]string{"name": `"New"`, "key": `"NEW"`, "color": `"#123456"`, "description": `"d"`}
		fields[field] = value
		return apitest.Object(fields)
	}

	tests := []struct {
		name   string
		req    req
		status int
		code   string
	}{
		{"no-token", req{Method: "GET", Path: "/api/v1/projects"}, 401, "token_missing"},
		{"forged-token", req{Method: "GET", Path: "/api/v1/projects", Header: map[string]string{"Authorization": "Bearer a.b.c"}}, 401, "token_invalid"},
		{"empty-body", create(""), 400, "invalid_json"},
		{"truncated-json", create(`{"name": "x"`), 400, "invalid_json"},
		{"not-json", create(`name=x`), 400, "invalid_json"},
		{"json-array", create(`[]`), 400, "invalid_field_type"},
		{"json-string", create(`"hello"`), 400, "invalid_field_type"},
		{"json-null", create(`null`), 400, "validation_failed"},
		{"missing-fields", create(`{}`), 400, "validation_failed"},
		{"number-for-name", create(valid("name", `42`)), 400, "invalid_field_type"},
		{"object-for-key", create(valid("key", `{"$ne": null}`)), 400, "invalid_field_type"},
		{"array-for-color", create(valid("color", `["#fff"]`)), 400, "invalid_field_type"},
		{"bool-for-description", create(valid("description", `true`)), 400, "invalid_field_type"},
		{"blank-name", create(valid("name", `"   "`)), 400, "validation_failed"},
		{"long-name", create(valid("name", `"`+strings.Repeat("é", 101)+`"`)), 400, "validation_failed"},
		{"zero-width-name", create(valid("name", `"\u200b"`)), 400, "validation_failed"},
		{"rtl-override-name", create(valid("name", `"\u202eEngine"`)), 400, "validation_failed"},
		{"nul-in-name", create(valid("name", `"A\u0000B"`)), 400, "validation_failed"},
		{"newline-in-name", create(valid("name", `"A\nB"`)), 400, "validation_failed"},
		{"invalid-utf8-name", create(valid("name", "\"\xff\xfe\"")), 400, "validation_failed"},
		{"rtl-override-description", create(valid("description", `"a\u202eb"`)), 400, "validation_failed"},
		{"long-description", create(valid("description", `"`+strings.Repeat("x", 10_001)+`"`)), 400, "validation_failed"},
		{"lower-case-key", create(valid("key", `"eng"`)), 400, "validation_failed"},
		{"one-char-key", create(valid("key", `"E"`)), 400, "validation_failed"},
		{"long-key", create(valid("key", `"ABCDEFGHIJK"`)), 400, "validation_failed"},
		{"digit-first-key", create(valid("key", `"1AB"`)), 400, "validation_failed"},
		{"fullwidth-key", create(valid("key", `"ＡＢ"`)), 400, "validation_failed"},
		{"sql-in-key", create(valid("key", `"A'; DROP TABLE projects;--"`)), 400, "validation_failed"},
		{"short-color", create(valid("color", `"#fff"`)), 400, "validation_failed"},
		{"named-color", create(valid("color", `"red"`)), 400, "validation_failed"},
		{"two-megabytes", create(huge), 413, "body_too_large"},
		{"two-megabytes-no-length", req{Method: "POST", Path: "/api/v1/projects", Token: ada.Token, Body: io.MultiReader(strings.NewReader(huge))}, 413, "body_too_large"},
		{"wrong-content-type", req{Method: "POST", Path: "/api/v1/projects", Token: ada.Token, Body: valid("key", `"CT"`), Header: map[string]string{"Content-Type": "text/plain"}}, 415, "unsupported_media_type"},
		{"patch-wrong-type", req{Method: "PATCH", Path: base, Token: ada.Token, Body: `{"name": 3}`}, 400, "invalid_field_type"},
		{"patch-malformed", req{Method: "PATCH", Path: base, Token: ada.Token, Body: `{"name":`}, 400, "invalid_json"},
		{"patch-empty-name", req{Method: "PATCH", Path: base, Token: ada.Token, Body: `{"name": ""}`}, 400, "validation_failed"},
		{"participant-patch-with-sql-name", req{Method: "PATCH", Path: base, Token: bob.Token, Body: `{"name": "x' OR 1=1 --"}`}, 403, "forbidden_role"},
		{"bad-uuid-path", req{Method: "GET", Path: "/api/v1/projects/not-a-uuid", Token: ada.Token}, 404, "project_not_found"},
		{"sql-in-path", req{Method: "GET", Path: "/api/v1/projects/1%27%20OR%201=1--", Token: ada.Token}, 404, "project_not_found"},
		{"uppercase-uuid-unknown", req{Method: "GET", Path: "/api/v1/projects/" + strings.ToUpper("01900000-0000-7000-8000-00000000abcd"), Token: ada.Token}, 404, "project_not_found"},
		{"bad-uuid-patch", req{Method: "PATCH", Path: "/api/v1/projects/x", Token: ada.Token, Body: `{"name":"n"}`}, 404, "project_not_found"},
		{"bad-uuid-delete", req{Method: "DELETE", Path: "/api/v1/projects/%00", Token: ada.Token}, 404, "project_not_found"},
		{"bad-uuid-members", req{Method: "GET", Path: "/api/v1/projects/x/members", Token: ada.Token}, 404, "project_not_found"},
		{"member-missing-fields", req{Method: "POST", Path: base + "/members", Token: ada.Token, Body: `{}`}, 400, "validation_failed"},
		{"member-bad-user-id", req{Method: "POST", Path: base + "/members", Token: ada.Token, Body: `{"userId": "' OR 1=1", "role": "participant"}`}, 400, "validation_failed"},
		{"member-bad-role", req{Method: "POST", Path: base + "/members", Token: ada.Token, Body: fmt.Sprintf(`{"userId": %q, "role": "admin"}`, e.newUser().ID)}, 400, "validation_failed"},
		{"member-number-id", req{Method: "POST", Path: base + "/members", Token: ada.Token, Body: `{"userId": 1, "role": "participant"}`}, 400, "invalid_field_type"},
		{"role-missing", req{Method: "PATCH", Path: base + "/members/" + bob.ID, Token: ada.Token, Body: `{}`}, 400, "validation_failed"},
		{"transfer-empty", req{Method: "POST", Path: base + "/transfer", Token: ada.Token}, 400, "invalid_json"},
		{"transfer-missing", req{Method: "POST", Path: base + "/transfer", Token: ada.Token, Body: `{}`}, 400, "validation_failed"},
		{"unknown-path", req{Method: "GET", Path: "/api/v1/nope", Token: ada.Token}, 404, "route_not_found"},
		{"wrong-method", req{Method: "PUT", Path: base, Token: ada.Token, Body: `{}`}, 405, "method_not_allowed"},
	}
	before := e.counts()
	lookups := e.users.lookups()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { e.on(t).fail(tc.status, tc.code, tc.req) })
	}
	if after := e.counts(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("bad input wrote rows: %v -> %v", before, after)
	}
	mustEqual(t, "users lookups", e.users.lookups(), lookups)
}
