package ports_test

import (
	"net/http"
	"strings"
	"testing"
)

// Every new endpoint answers bad input with a 4xx and a stable code, and
// writes nothing.
func TestBadInputIsRefusedAndWritesNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.user("ada"), e.user("bob")
	project := e.project(ada, bob)
	task, _ := e.assign(ada, project, bob)
	big := `{"delivery":"` + strings.Repeat("x", 2<<20) + `"}`
	cases := []struct {
		name, method, path string
		body               any
		header             map[string]string
		token              string
		status             int
		code               string
	}{
		{"list-unknown-param", "GET", "/api/v1/notifications?limt=5", nil, nil, bob.Token, 400, "invalid_query"},
		{"list-limit-zero", "GET", "/api/v1/notifications?limit=0", nil, nil, bob.Token, 400, "invalid_query"},
		{"list-limit-huge", "GET", "/api/v1/notifications?limit=1000", nil, nil, bob.Token, 400, "invalid_query"},
		{"list-limit-twice", "GET", "/api/v1/notifications?limit=5&limit=6", nil, nil, bob.Token, 400, "invalid_query"},
		{"list-unread-word", "GET", "/api/v1/notifications?unread=yes", nil, nil, bob.Token, 400, "invalid_query"},
		{"list-bad-escape", "GET", "/api/v1/notifications?cursor=%zz", nil, nil, bob.Token, 400, "invalid_query"},
		{"list-cursor-not-an-id", "GET", "/api/v1/notifications?cursor=abc", nil, nil, bob.Token, 400, "invalid_cursor"},
		{"list-cursor-negative", "GET", "/api/v1/notifications?cursor=-1", nil, nil, bob.Token, 400, "invalid_cursor"},
		{"count-any-param", "GET", "/api/v1/notifications/unread-count?x=1", nil, nil, bob.Token, 400, "invalid_query"},
		{"feed-after-word", "GET", "/api/v1/notifications/feed?after=x", nil, nil, bob.Token, 400, "invalid_query"},
		{"feed-wait-too-long", "GET", "/api/v1/notifications/feed?after=0&wait=60", nil, nil, bob.Token, 400, "invalid_query"},
		{"feed-unread-negative", "GET", "/api/v1/notifications/feed?unread=-2", nil, nil, bob.Token, 400, "invalid_query"},
		{"read-id-word", "POST", "/api/v1/notifications/abc/read", nil, nil, bob.Token, 404, "notification_not_found"},
		{"read-id-zero", "POST", "/api/v1/notifications/0/read", nil, nil, bob.Token, 404, "notification_not_found"},
		{"read-id-leading-zero", "POST", "/api/v1/notifications/01/read", nil, nil, bob.Token, 404, "notification_not_found"},
		{"read-id-unknown", "POST", "/api/v1/notifications/999/read", nil, nil, bob.Token, 404, "notification_not_found"},
		{"read-someone-elses", "POST", "/api/v1/notifications/1/read", nil, nil, ada.Token, 404, "notification_not_found"},
		{"read-all-not-json", "POST", "/api/v1/notifications/read-all", "{", nil, bob.Token, 400, "invalid_json"},
		{"read-all-upto-number", "POST", "/api/v1/notifications/read-all", `{"upTo":3}`, nil, bob.Token, 400, "invalid_field_type"},
		{"read-all-upto-word", "POST", "/api/v1/notifications/read-all", `{"upTo":"x"}`, nil, bob.Token, 400, "validation_failed"},
		{"read-all-text", "POST", "/api/v1/notifications/read-all", "upTo=3", map[string]string{"Content-Type": "text/plain"}, bob.Token, 415, "unsupported_media_type"},
		{"prefs-unknown-kind", "PATCH", "/api/v1/notifications/preferences", `{"kinds":{"gossip":{"email":true}}}`, nil, bob.Token, 400, "validation_failed"},
		{"prefs-delivery", "PATCH", "/api/v1/notifications/preferences", `{"delivery":"weekly"}`, nil, bob.Token, 400, "validation_failed"},
		{"prefs-digest-time", "PATCH", "/api/v1/notifications/preferences", `{"digestTime":"24:00"}`, nil, bob.Token, 400, "validation_failed"},
		{"prefs-bool-as-string", "PATCH", "/api/v1/notifications/preferences", `{"kinds":{"mention":{"email":"no"}}}`, nil, bob.Token, 400, "invalid_field_type"},
		{"prefs-empty-body", "PATCH", "/api/v1/notifications/preferences", "", nil, bob.Token, 400, "invalid_json"},
		{"prefs-too-large", "PATCH", "/api/v1/notifications/preferences", big, nil, bob.Token, 413, "body_too_large"},
		{"mute-not-a-uuid", "PUT", "/api/v1/notifications/muted-projects/x", nil, nil, bob.Token, 404, "project_not_found"},
		{"mute-not-a-member", "PUT", "/api/v1/notifications/muted-projects/" + project, nil, nil, e.user("eve").Token, 404, "project_not_found"},
		{"unmute-never-muted", "DELETE", "/api/v1/notifications/muted-projects/01900000-0000-7000-8000-000000000000", nil, nil, bob.Token, 404, "project_not_found"},
		{"follow-not-a-uuid", "PUT", "/api/v1/tasks/x/followers/me", nil, nil, bob.Token, 404, "task_not_found"},
		{"follow-unknown-task", "PUT", "/api/v1/tasks/01900000-0000-7000-8000-000000000000/followers/me", nil, nil, bob.Token, 404, "task_not_found"},
		{"follow-not-a-member", "PUT", "/api/v1/tasks/" + task + "/followers/me", nil, nil, e.user("mallory").Token, 404, "task_not_found"},
		{"unsubscribe-no-token", "POST", "/api/v1/notifications/unsubscribe", nil, nil, "", 400, "invalid_unsubscribe_link"},
		{"unsubscribe-forged", "POST", "/api/v1/notifications/unsubscribe?token=" + bob.ID + ".mention.AAAA", nil, nil, "", 400, "invalid_unsubscribe_link"},
		{"unsubscribe-garbage", "GET", "/api/v1/notifications/unsubscribe?token=x", nil, nil, "", 400, "invalid_unsubscribe_link"},
		{"unsubscribe-extra-param", "POST", "/api/v1/notifications/unsubscribe?token=x&all=1", nil, nil, "", 400, "invalid_query"},
		{"list-no-token", "GET", "/api/v1/notifications", nil, nil, "", 401, "token_missing"},
		{"feed-bad-token", "GET", "/api/v1/notifications/feed", nil, nil, "not.a.jwt", 401, "token_invalid"},
		{"follow-no-token", "PUT", "/api/v1/tasks/" + task + "/followers/me", nil, nil, "", 401, "token_missing"},
		{"job-without-sidecar-token", "POST", "/job/digest-" + bob.ID, nil, nil, "", 401, "sidecar_token_required"},
		{"event-without-sidecar-token", "POST", "/events/tasks", "{}", nil, "", 401, "sidecar_token_required"},
	}
	before := e.docs.Len()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(req{Method: tc.method, Path: tc.path, Body: tc.body, Token: tc.token, Header: tc.header})
			if r.Status != tc.status || r.Code() != tc.code {
				t.Fatalf("%s %s: %d %s, want %d %s", tc.method, tc.path, r.Status, r.Body, tc.status, tc.code)
			}
		})
	}
	if after := e.docs.Len(); after != before {
		t.Fatalf("bad requests wrote %d documents", after-before)
	}
	if r := e.must(http.StatusOK, req{Method: http.MethodGet, Path: "/api/v1/notifications/preferences", Token: bob.Token}).JSON(t); r["delivery"] != "immediate" {
		t.Fatalf("preferences changed: %v", r)
	}
}
