package ports_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// Someone who is not a member of the project gets the same 404 as for a
// thing that does not exist, on every route, and changes nothing.
func TestNonMembersCannotReadOrWrite(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, eve := e.user("ada"), e.user("eve")
	pid := e.peers.project(ada.ID)
	tid := e.peers.task(pid)
	c := e.post(ada, "/api/v1/tasks/"+tid+"/comments", "private")
	e.post(ada, "/api/v1/projects/"+pid+"/comments", "also private")
	before, published := e.kv.Keys(), len(e.pub.events)
	emoji := url.QueryEscape("👍")
	cases := []struct {
		name, method, path, body, code string
	}{
		{"list-task", "GET", "/api/v1/tasks/" + tid + "/comments", "", "task_not_found"},
		{"post-task", "POST", "/api/v1/tasks/" + tid + "/comments", `{"body":"hi @ada"}`, "task_not_found"},
		{"list-project", "GET", "/api/v1/projects/" + pid + "/comments", "", "project_not_found"},
		{"post-project", "POST", "/api/v1/projects/" + pid + "/comments", `{"body":"@ada"}`, "project_not_found"},
		{"counts", "GET", "/api/v1/projects/" + pid + "/comment-counts?taskIds=" + tid, "", "project_not_found"},
		{"mentionable", "GET", "/api/v1/projects/" + pid + "/mentionable?q=a", "", "project_not_found"},
		{"get", "GET", "/api/v1/comments/" + c.ID, "", "comment_not_found"},
		{"edit", "PATCH", "/api/v1/comments/" + c.ID, `{"body":"x"}`, "comment_not_found"},
		{"delete", "DELETE", "/api/v1/comments/" + c.ID, "", "comment_not_found"},
		{"react", "POST", "/api/v1/comments/" + c.ID + "/reactions", `{"emoji":"👍"}`, "comment_not_found"},
		{"unreact", "DELETE", "/api/v1/comments/" + c.ID + "/reactions?emoji=" + emoji, "", "comment_not_found"},
	}
	for _, tc := range cases {
		t.Run(tc.name+"-404-not-member", func(t *testing.T) {
			r := req{Method: tc.method, Path: tc.path, Token: eve.Token}
			if tc.body != "" {
				r.Body = tc.body
			}
			e.api.Refuse(t, http.StatusNotFound, tc.code, r)
		})
	}
	if after := e.kv.Keys(); !slices.Equal(before, after) || len(e.pub.events) != published {
		t.Fatalf("refused requests changed state: %v -> %v, %d -> %d events", before, after, published, len(e.pub.events))
	}
}

func TestArchivedProjectAndReadOnlyRoles(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, vic := e.user("ada"), e.user("vic")
	pid := e.peers.project(ada.ID, vic.ID)
	c := e.post(ada, "/api/v1/projects/"+pid+"/comments", "before archiving")
	e.peers.archive(pid, true)
	e.refuse(http.StatusConflict, "project_archived", req{Method: "POST", Path: "/api/v1/projects/" + pid + "/comments", Token: ada.Token, Body: `{"body":"x"}`})
	e.refuse(http.StatusConflict, "project_archived", req{Method: "PATCH", Path: "/api/v1/comments/" + c.ID, Token: ada.Token, Body: `{"body":"x"}`})
	e.refuse(http.StatusConflict, "project_archived", req{Method: "POST", Path: "/api/v1/comments/" + c.ID + "/reactions", Token: ada.Token, Body: `{"emoji":"👍"}`})
	e.list(ada, "/api/v1/projects/"+pid+"/comments")
	e.peers.archive(pid, false)
	e.peers.setRole(pid, vic.ID, "viewer")
	e.refuse(http.StatusForbidden, "forbidden_role", req{Method: "POST", Path: "/api/v1/projects/" + pid + "/comments", Token: vic.Token, Body: `{"body":"x"}`})
	if l := e.list(vic, "/api/v1/projects/"+pid+"/comments"); l.Total != 1 {
		t.Fatalf("a read-only member reads: %+v", l)
	}
	// A removed member loses access with the next request.
	e.peers.remove(pid, vic.ID)
	e.refuse(http.StatusNotFound, "project_not_found", req{Method: "GET", Path: "/api/v1/projects/" + pid + "/comments", Token: vic.Token})
}

// Every refused request answers 4xx with a stable code and writes nothing.
func TestBadInputWritesNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.user("ada")
	pid := e.peers.project(ada.ID)
	tid := e.peers.task(pid)
	c := e.post(ada, "/api/v1/tasks/"+tid+"/comments", "hello")
	long := `{"body":"` + strings.Repeat("x", domain.MaxBodyRunes+1) + `"}`
	before, published := e.kv.Keys(), len(e.pub.events)
	cm := "/api/v1/comments/" + c.ID
	cases := []struct {
		name, method, path, body string
		status                   int
		code                     string
	}{
		{"post-no-body", "POST", "/api/v1/tasks/" + tid + "/comments", "", 400, "invalid_json"},
		{"post-not-json", "POST", "/api/v1/tasks/" + tid + "/comments", `{"body":`, 400, "invalid_json"},
		{"post-wrong-type", "POST", "/api/v1/tasks/" + tid + "/comments", `{"body":42}`, 400, "invalid_field_type"},
		{"post-missing-body", "POST", "/api/v1/tasks/" + tid + "/comments", `{}`, 400, "validation_failed"},
		{"post-blank", "POST", "/api/v1/projects/" + pid + "/comments", `{"body":"  \n "}`, 400, "validation_failed"},
		{"post-too-long", "POST", "/api/v1/projects/" + pid + "/comments", long, 400, "validation_failed"},
		{"post-control-char", "POST", "/api/v1/projects/" + pid + "/comments", `{"body":"a\u0000b"}`, 400, "validation_failed"},
		{"post-bidi-override", "POST", "/api/v1/projects/" + pid + "/comments", `{"body":"a\u202eb"}`, 400, "validation_failed"},
		{"post-bad-task-id", "POST", "/api/v1/tasks/not-a-uuid/comments", `{"body":"x"}`, 404, "task_not_found"},
		{"post-unknown-task", "POST", "/api/v1/tasks/" + e.peers.task("00000000-0000-0000-0000-000000000000") + "/comments", `{"body":"x"}`, 404, "task_not_found"},
		{"list-bad-order", "GET", "/api/v1/projects/" + pid + "/comments?order=up", "", 400, "invalid_query"},
		{"list-bad-limit", "GET", "/api/v1/projects/" + pid + "/comments?limit=0", "", 400, "invalid_query"},
		{"list-limit-too-big", "GET", "/api/v1/projects/" + pid + "/comments?limit=101", "", 400, "invalid_query"},
		{"list-unknown-param", "GET", "/api/v1/projects/" + pid + "/comments?sort=x", "", 400, "invalid_query"},
		{"list-forged-cursor", "GET", "/api/v1/projects/" + pid + "/comments?cursor=abc", "", 400, "invalid_cursor"},
		{"counts-none", "GET", "/api/v1/projects/" + pid + "/comment-counts", "", 400, "invalid_query"},
		{"counts-bad-id", "GET", "/api/v1/projects/" + pid + "/comment-counts?taskIds=x", "", 400, "invalid_query"},
		{"counts-too-many", "GET", "/api/v1/projects/" + pid + "/comment-counts?taskIds=" + manyIDs(201), "", 400, "invalid_query"},
		{"mentionable-bad-limit", "GET", "/api/v1/projects/" + pid + "/mentionable?limit=50", "", 400, "invalid_query"},
		{"edit-empty", "PATCH", cm, `{"body":""}`, 400, "validation_failed"},
		{"edit-stale", "PATCH", cm, `{"body":"x"}`, 412, "version_mismatch"},
		{"edit-weak-etag", "PATCH", cm, `{"body":"x"}`, 412, "version_mismatch"},
		{"delete-stale", "DELETE", cm, "", 412, "version_mismatch"},
		{"react-no-emoji", "POST", cm + "/reactions", `{}`, 400, "validation_failed"},
		{"react-text", "POST", cm + "/reactions", `{"emoji":"yes"}`, 400, "validation_failed"},
		{"react-two-words", "POST", cm + "/reactions", `{"emoji":"👍 👍"}`, 400, "validation_failed"},
		{"react-markup", "POST", cm + "/reactions", `{"emoji":"<b>👍</b>"}`, 400, "validation_failed"},
		{"unreact-none", "DELETE", cm + "/reactions", "", 400, "validation_failed"},
		{"react-wrong-media-type", "POST", cm + "/reactions", `emoji=x`, 415, "unsupported_media_type"},
		{"get-bad-id", "GET", "/api/v1/comments/123", "", 404, "comment_not_found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := req{Method: tc.method, Path: tc.path, Token: ada.Token, Header: map[string]string{}}
			if tc.body != "" || tc.method == "POST" {
				r.Body = tc.body
			}
			switch tc.name {
			case "edit-stale", "delete-stale":
				r.Header["If-Match"] = `"9"`
			case "edit-weak-etag":
				r.Header["If-Match"] = `W/"1"`
			case "react-wrong-media-type":
				r.Header["Content-Type"] = "application/x-www-form-urlencoded"
			}
			e.api.Refuse(t, tc.status, tc.code, r)
		})
	}
	if after := e.kv.Keys(); !slices.Equal(before, after) || len(e.pub.events) != published {
		t.Fatalf("refused requests changed state: %v -> %v, %d -> %d events", before, after, published, len(e.pub.events))
	}
}

func manyIDs(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("00000000-0000-0000-0000-%012d", i)
	}
	return strings.Join(ids, ",")
}
