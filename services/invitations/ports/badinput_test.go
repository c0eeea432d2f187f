package ports_test

import (
	"encoding/base64"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Every malformed request gets a 4xx with a stable code and writes
// nothing.
func TestBadInputIsRefusedWithAStableCode(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.account("ada"), e.account("bob")
	project := e.projects.create(ada.ID, "Apollo")
	inv := e.invite(ada, project, map[string]any{"username": "bob"})
	path := invitationsPath(project)
	send := func(body any) req { return req{Method: "POST", Path: path, Token: ada.Token, Body: body} }
	list := func(query string) req { return req{Method: "GET", Path: path + "?" + query, Token: ada.Token} }
	mine := func(query string) req {
		return req{Method: "GET", Path: "/api/v1/invitations?" + query, Token: bob.Token}
	}
	huge := `{"email":"big@example.com","message":"` + strings.Repeat("a", 2<<20) + `"}`
	tampered := base64.RawURLEncoding.EncodeToString([]byte(`{"t":"2026-11-26T09:00:00Z","i":"x' OR 1=1"}`))
	extra := base64.RawURLEncoding.EncodeToString([]byte(`{"t":"2026-11-26T09:00:00Z","i":"0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d","x":1}`))

	tests := []struct {
		name   string
		req    req
		status int
		code   string
	}{
		{"empty-body", send(""), 400, "invalid_json"},
		{"truncated-json", send(`{"username": "bob"`), 400, "invalid_json"},
		{"not-json", send(`username=bob`), 400, "invalid_json"},
		{"json-array", send(`[]`), 400, "invalid_field_type"},
		{"json-string", send(`"bob"`), 400, "invalid_field_type"},
		{"json-null", send(`null`), 400, "validation_failed"},
		{"number-for-username", send(`{"username": 42}`), 400, "invalid_field_type"},
		{"object-for-email", send(`{"email": {"$ne": null}}`), 400, "invalid_field_type"},
		{"array-for-role", send(`{"username": "bob", "role": ["owner"]}`), 400, "invalid_field_type"},
		{"bool-for-message", send(`{"username": "bob", "message": true}`), 400, "invalid_field_type"},
		{"owner-role", send(`{"username": "bob", "role": "owner"}`), 400, "validation_failed"},
		{"unknown-role", send(`{"username": "bob", "role": "admin"}`), 400, "validation_failed"},
		{"zero-width-username", send(`{"username": "b\u200bob"}`), 400, "validation_failed"},
		{"rtl-override-username", send(`{"username": "\u202ebob"}`), 400, "validation_failed"},
		{"kelvin-sign-username", send(`{"username": "\u212aate"}`), 400, "validation_failed"},
		{"fullwidth-email", send(`{"email": "\uff42ob@example.com"}`), 400, "validation_failed"},
		{"rtl-override-message", send(`{"username": "bob", "message": "hi \u202eeve"}`), 400, "validation_failed"},
		{"nul-in-message", send(`{"username": "bob", "message": "a\u0000b"}`), 400, "validation_failed"},
		{"invalid-utf8-message", send("{\"username\": \"bob\", \"message\": \"\xff\xfe\"}"), 400, "validation_failed"},
		{"sql-in-username", send(`{"username": "bob'; DROP TABLE invitations;--"}`), 400, "validation_failed"},
		{"sql-in-email", send(`{"email": "x' OR '1'='1@example.com"}`), 400, "validation_failed"},
		{"two-megabytes", send(huge), 413, "body_too_large"},
		{"two-megabytes-no-length", send(io.MultiReader(strings.NewReader(huge))), 413, "body_too_large"},
		{"wrong-content-type", req{Method: "POST", Path: path, Token: ada.Token, Body: `{"username":"bob"}`, Header: map[string]string{"Content-Type": "text/plain"}}, 415, "unsupported_media_type"},
		{"send-bad-project-uuid", req{Method: "POST", Path: invitationsPath("1%27%20OR%201=1--"), Token: ada.Token, Body: `{"username":"bob"}`}, 404, "project_not_found"},
		{"list-bad-project-uuid", req{Method: "GET", Path: invitationsPath("not-a-uuid"), Token: ada.Token}, 404, "project_not_found"},
		{"cancel-bad-invitation-uuid", req{Method: "DELETE", Path: path + "/%00", Token: ada.Token}, 404, "invitation_not_found"},
		{"cancel-bad-both", req{Method: "DELETE", Path: invitationsPath("x") + "/y", Token: ada.Token}, 404, "project_not_found"},
		{"accept-bad-uuid", req{Method: "POST", Path: "/api/v1/invitations/%27%20OR%201=1/accept", Token: bob.Token}, 404, "invitation_not_found"},
		{"reject-bad-uuid", req{Method: "POST", Path: "/api/v1/invitations/12345/reject", Token: bob.Token}, 404, "invitation_not_found"},
		{"list-unknown-status", list("status=everything"), 400, "validation_failed"},
		{"list-sql-status", list("status=pending'--"), 400, "validation_failed"},
		{"list-limit-zero", list("limit=0"), 400, "validation_failed"},
		{"list-limit-too-big", list("limit=201"), 400, "validation_failed"},
		{"list-limit-not-a-number", list("limit=ten"), 400, "validation_failed"},
		{"list-limit-negative", list("limit=-1"), 400, "validation_failed"},
		{"list-cursor-not-base64", list("cursor=***"), 400, "invalid_cursor"},
		{"list-cursor-not-json", list("cursor=" + base64.RawURLEncoding.EncodeToString([]byte("hello"))), 400, "invalid_cursor"},
		{"list-cursor-tampered-id", list("cursor=" + tampered), 400, "invalid_cursor"},
		{"list-cursor-extra-field", list("cursor=" + extra), 400, "invalid_cursor"},
		{"list-cursor-huge", list("cursor=" + strings.Repeat("A", 4096)), 400, "invalid_cursor"},
		{"mine-limit-too-big", mine("limit=1000"), 400, "validation_failed"},
		{"mine-cursor-tampered", mine("cursor=" + tampered), 400, "invalid_cursor"},
		{"unknown-path", req{Method: "GET", Path: "/api/v1/nope", Token: ada.Token}, 404, "route_not_found"},
		{"wrong-method", req{Method: "PUT", Path: path, Token: ada.Token, Body: `{}`}, 405, "method_not_allowed"},
		{"get-one-not-served", req{Method: "GET", Path: path + "/" + inv["id"].(string), Token: ada.Token}, 405, "method_not_allowed"},
	}
	before := e.counts()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { e.api.Refuse(t, tc.status, tc.code, tc.req) })
	}
	if after := e.counts(); after["invitations"] != before["invitations"] || after["outbox_events"] != before["outbox_events"] {
		t.Fatalf("bad input wrote rows: %v -> %v", before, after)
	}
	// The invitation the bad requests aimed at is untouched.
	items, _ := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/invitations", Token: bob.Token}).items(t)
	if len(items) != 1 || items[0]["status"] != "pending" {
		t.Fatalf("bob's invitations %v", items)
	}
}
