package ports_test

import (
	"io"
	"maps"
	"strings"
	"testing"
)

// Every malformed request gets a 4xx with a stable code and writes
// nothing.
func TestBadInputIsRefusedWithAStableCode(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.projects.project(owner.ID)
	tk := e.createTask(owner, pid, map[string]any{"title": "Existing", "dueAt": "2026-12-10T00:00:00Z"})
	cat := e.createLabel(owner, pid, "categories", "Existing")
	create := func(body string) req {
		return req{Method: "POST", Path: "/api/v1/projects/" + pid + "/tasks", Token: owner.Token, Body: body}
	}
	patch := func(body string) req {
		return req{Method: "PATCH", Path: "/api/v1/tasks/" + tk.ID, Token: owner.Token, Body: body}
	}
	huge := `{"title":"big","description":"` + strings.Repeat("a", 2<<20) + `"}`

	tests := []struct {
		name   string
		req    req
		status int
		code   string
		field  string // the field details name, for validation_failed
	}{
		{"empty-body", create(""), 400, "invalid_json", ""},
		{"truncated-json", create(`{"title": "x"`), 400, "invalid_json", ""},
		{"not-json", create(`title=x`), 400, "invalid_json", ""},
		{"json-array", create(`[]`), 400, "invalid_field_type", ""},
		{"json-null", create(`null`), 400, "validation_failed", "title"},
		{"missing-title", create(`{}`), 400, "validation_failed", "title"},
		{"number-title", create(`{"title": 42}`), 400, "invalid_field_type", ""},
		{"object-title", create(`{"title": {"$ne": null}}`), 400, "invalid_field_type", ""},
		{"string-estimate", create(`{"title": "x", "estimateMinutes": "90"}`), 400, "invalid_field_type", ""},
		{"fractional-estimate", create(`{"title": "x", "estimateMinutes": 1.5}`), 400, "invalid_field_type", ""},
		{"huge-estimate", create(`{"title": "x", "estimateMinutes": 1e30}`), 400, "invalid_field_type", ""},
		{"negative-estimate", create(`{"title": "x", "estimateMinutes": -1}`), 400, "validation_failed", "estimateMinutes"},
		{"estimate-too-big", create(`{"title": "x", "estimateMinutes": 100001}`), 400, "validation_failed", "estimateMinutes"},
		{"title-too-long", create(`{"title": "` + strings.Repeat("é", 201) + `"}`), 400, "validation_failed", "title"},
		{"description-too-long", create(`{"title": "x", "description": "` + strings.Repeat("a", 20001) + `"}`), 400, "validation_failed", "description"},
		{"rtl-override-title", create(`{"title": "\u202eevil"}`), 400, "validation_failed", "title"},
		{"zero-width-title", create(`{"title": "\u200b"}`), 400, "validation_failed", "title"},
		{"nul-in-description", create(`{"title": "x", "description": "a\u0000b"}`), 400, "validation_failed", "description"},
		{"invalid-utf8-title", create("{\"title\": \"\xff\xfe\"}"), 400, "validation_failed", "title"},
		{"unknown-status", create(`{"title": "x", "status": "blocked"}`), 400, "validation_failed", "status"},
		{"unknown-priority", create(`{"title": "x", "priority": "ASAP"}`), 400, "validation_failed", "priority"},
		{"date-without-offset", create(`{"title": "x", "dueAt": "2026-12-01T10:00:00"}`), 400, "validation_failed", "dueAt"},
		{"date-only", create(`{"title": "x", "dueAt": "2026-12-01"}`), 400, "validation_failed", "dueAt"},
		{"start-after-due", create(`{"title": "x", "startAt": "2026-12-02T00:00:00Z", "dueAt": "2026-12-01T00:00:00Z"}`), 400, "validation_failed", "dueAt"},
		{"bad-timezone", create(`{"title": "x", "timezone": "../../etc/passwd"}`), 400, "validation_failed", "timezone"},
		{"local-timezone", create(`{"title": "x", "timezone": "Local"}`), 400, "validation_failed", "timezone"},
		{"bad-assignee-id", create(`{"title": "x", "assigneeIds": ["' OR 1=1 --"]}`), 400, "validation_failed", "assigneeIds"},
		{"assignees-not-array", create(`{"title": "x", "assigneeIds": "` + owner.ID + `"}`), 400, "invalid_field_type", ""},
		{"bad-category-id", create(`{"title": "x", "categoryId": "1; DROP TABLE tasks"}`), 400, "validation_failed", "categoryId"},
		{"bad-parent-id", create(`{"title": "x", "parentId": "00000000-0000-0000-0000-00000000000g"}`), 400, "validation_failed", "parentId"},
		{"bad-position", create(`{"title": "x", "position": {"afterId": "first"}}`), 400, "validation_failed", "position"},
		{"position-not-object", create(`{"title": "x", "position": "a0"}`), 400, "invalid_field_type", ""},
		{"two-megabytes", create(huge), 413, "body_too_large", ""},
		{"two-megabytes-no-length", req{Method: "POST", Path: "/api/v1/projects/" + pid + "/tasks", Token: owner.Token, Body: io.MultiReader(strings.NewReader(huge))}, 413, "body_too_large", ""},
		{"wrong-content-type", req{Method: "POST", Path: "/api/v1/projects/" + pid + "/tasks", Token: owner.Token, Body: `{"title":"x"}`, Header: map[string]string{"Content-Type": "text/plain"}}, 415, "unsupported_media_type", ""},
		{"patch-malformed", patch(`{"title":`), 400, "invalid_json", ""},
		{"patch-wrong-type", patch(`{"dueAt": 5}`), 400, "invalid_field_type", ""},
		{"patch-null-array-element", patch(`{"tagIds": [null]}`), 400, "validation_failed", "tagIds"},
		{"patch-start-after-kept-due", patch(`{"startAt": "2026-12-11T00:00:00Z"}`), 400, "validation_failed", "dueAt"},
		{"patch-empty-title", patch(`{"title": "   "}`), 400, "validation_failed", "title"},
		{"patch-huge", patch(huge), 413, "body_too_large", ""},
		{"label-missing-name", req{Method: "POST", Path: "/api/v1/projects/" + pid + "/tags", Token: owner.Token, Body: `{}`}, 400, "validation_failed", "name"},
		{"label-bad-color", req{Method: "POST", Path: "/api/v1/projects/" + pid + "/tags", Token: owner.Token, Body: `{"name": "x", "color": "red"}`}, 400, "validation_failed", "color"},
		{"label-sql-color", req{Method: "POST", Path: "/api/v1/projects/" + pid + "/tags", Token: owner.Token, Body: `{"name": "x", "color": "#fff'); --"}`}, 400, "validation_failed", "color"},
		{"label-name-too-long", req{Method: "POST", Path: "/api/v1/projects/" + pid + "/categories", Token: owner.Token, Body: `{"name": "` + strings.Repeat("n", 51) + `"}`}, 400, "validation_failed", "name"},
		{"label-patch-wrong-type", req{Method: "PATCH", Path: "/api/v1/projects/" + pid + "/categories/" + cat, Token: owner.Token, Body: `{"color": 255}`}, 400, "invalid_field_type", ""},
		{"unknown-path", req{Method: "GET", Path: "/api/v1/tasks/" + tk.ID + "/nope", Token: owner.Token}, 404, "route_not_found", ""},
		{"wrong-method", req{Method: "PUT", Path: "/api/v1/tasks/" + tk.ID, Token: owner.Token, Body: `{}`}, 405, "method_not_allowed", ""},
	}
	before := e.counts()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := e.api.Refuse(t, tc.status, tc.code, tc.req)
			if tc.field != "" {
				fields, _ := res.JSON(t)["error"].(map[string]any)["details"].(map[string]any)["fields"].(map[string]any)
				if _, ok := fields[tc.field]; !ok {
					t.Fatalf("details.fields %v do not name %s", fields, tc.field)
				}
			}
		})
	}
	if after := e.counts(); !maps.Equal(before, after) {
		t.Fatalf("bad input wrote rows: %v -> %v", before, after)
	}
	if got := e.getTask(owner, tk.ID); got.Version != 1 {
		t.Fatalf("bad input changed the task: %+v", got)
	}
}
