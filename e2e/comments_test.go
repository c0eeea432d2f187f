package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// Comments through the gateway, as the task view and a project's
// discussion thread use them: two members and an outsider.

// cmPost posts a comment and returns it.
func cmPost(t *testing.T, p person, path, body string) map[string]any {
	t.Helper()
	r := p.call(t, http.MethodPost, path, jsonBody(t, map[string]any{"body": body}))
	expect(t, "comment on "+path, r, http.StatusCreated, "")
	return r.json(t)
}

func TestCommentsThroughTheGateway(t *testing.T) {
	t.Parallel()
	owner, part, outsider := newPerson(t, "cmowner"), newPerson(t, "cmpart"), newPerson(t, "cmout")
	pid := newProject(t, owner, "Comments")
	addParticipant(t, owner, pid, part)
	tid := newTask(t, owner, pid, map[string]any{"title": "Discuss me"})["id"].(string)
	taskPath := "/api/v1/tasks/" + tid + "/comments"

	// A mention of a member is resolved; of anyone else it stays text.
	c := cmPost(t, owner, taskPath, "Please look, @"+part.Username+" (not @"+outsider.Username+")")
	cid := c["id"].(string)
	if m := flowField(flowObjectsOfIDs(c["mentionedUserIds"]), "id"); len(m) != 1 || m[0] != part.ID {
		t.Fatalf("mentions %v, want only the member", c["mentionedUserIds"])
	}
	if html := c["html"].(string); !strings.Contains(html, `data-user-id="`+part.ID+`"`) || strings.Contains(html, outsider.ID) {
		t.Fatalf("html %s", html)
	}
	if a := c["author"].(map[string]any); a["username"] != owner.Username || a["displayName"] != "Ada Lovelace" {
		t.Fatalf("author %v", a)
	}

	// The participant reads, reacts and answers; the counts follow.
	list := part.call(t, http.MethodGet, taskPath, "")
	expect(t, "list", list, http.StatusOK, "")
	if list.json(t)["total"].(float64) != 1 {
		t.Fatalf("list %s", list.Body)
	}
	expect(t, "react", part.call(t, http.MethodPost, "/api/v1/comments/"+cid+"/reactions", `{"emoji":"👍"}`), http.StatusCreated, "")
	expect(t, "react again", part.call(t, http.MethodPost, "/api/v1/comments/"+cid+"/reactions", `{"emoji":"👍"}`), http.StatusOK, "")
	reply := cmPost(t, part, taskPath, "On it")
	counts := owner.call(t, http.MethodGet, "/api/v1/projects/"+pid+"/comment-counts?taskIds="+tid, "")
	expect(t, "counts", counts, http.StatusOK, "")
	if n := counts.json(t)["counts"].(map[string]any)[tid]; n != float64(2) {
		t.Fatalf("count %v", n)
	}
	sugg := owner.call(t, http.MethodGet, "/api/v1/projects/"+pid+"/mentionable?q="+url.QueryEscape(part.Username[:4]), "")
	expect(t, "mentionable", sugg, http.StatusOK, "")
	if names := flowField(flowObjects(t, sugg.json(t)["items"]), "username"); len(names) != 1 || names[0] != part.Username {
		t.Fatalf("suggestions %v", names)
	}

	// Edit your own; not someone else's; the owner may delete any.
	expect(t, "edit other's", part.call(t, http.MethodPatch, "/api/v1/comments/"+cid, `{"body":"x"}`), http.StatusForbidden, "not_comment_author")
	edited := owner.callWith(t, http.MethodPatch, "/api/v1/comments/"+cid, `{"body":"Please look again"}`, map[string]string{"If-Match": `"1"`})
	expect(t, "edit", edited, http.StatusOK, "")
	if edited.json(t)["edited"] != true {
		t.Fatalf("not marked edited: %s", edited.Body)
	}
	expect(t, "unreact", part.call(t, http.MethodDelete, "/api/v1/comments/"+cid+"/reactions?emoji="+url.QueryEscape("👍"), ""), http.StatusOK, "")
	expect(t, "owner deletes a reply", owner.call(t, http.MethodDelete, "/api/v1/comments/"+reply["id"].(string), ""), http.StatusNoContent, "")

	// The project's discussion thread, newest first.
	threadPath := "/api/v1/projects/" + pid + "/comments"
	first, second := cmPost(t, owner, threadPath, "Kick-off"), cmPost(t, part, threadPath, "Hello all")
	newest := flowItems(t, owner, threadPath+"?order=newest")
	if ids := flowIDs(newest); len(ids) != 2 || ids[0] != second["id"] || ids[1] != first["id"] {
		t.Fatalf("thread newest first %v", ids)
	}

	// The outsider gets the 404 of a thing that does not exist, everywhere.
	for _, op := range []struct{ method, path, body, code string }{
		{http.MethodGet, taskPath, "", "task_not_found"},
		{http.MethodPost, taskPath, `{"body":"hi @` + owner.Username + `"}`, "task_not_found"},
		{http.MethodGet, threadPath, "", "project_not_found"},
		{http.MethodPost, threadPath, `{"body":"hi"}`, "project_not_found"},
		{http.MethodGet, "/api/v1/projects/" + pid + "/comment-counts?taskIds=" + tid, "", "project_not_found"},
		{http.MethodGet, "/api/v1/projects/" + pid + "/mentionable?q=" + owner.Username[:3], "", "project_not_found"},
		{http.MethodGet, "/api/v1/comments/" + cid, "", "comment_not_found"},
		{http.MethodPatch, "/api/v1/comments/" + cid, `{"body":"x"}`, "comment_not_found"},
		{http.MethodDelete, "/api/v1/comments/" + cid, "", "comment_not_found"},
		{http.MethodPost, "/api/v1/comments/" + cid + "/reactions", `{"emoji":"👎"}`, "comment_not_found"},
	} {
		expect(t, "outsider "+op.method+" "+op.path, outsider.call(t, op.method, op.path, op.body), http.StatusNotFound, op.code)
	}
	if got := flowItems(t, owner, taskPath); len(got) != 1 || got[0]["body"] != "Please look again" {
		t.Fatalf("the outsider changed something: %v", got)
	}

	// Every comment event was published and matches its schema.
	v, err := contracts.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{contracts.EventCommentCreated, contracts.EventCommentUpdated, contracts.EventCommentDeleted,
		contracts.EventCommentReactionAdded, contracts.EventCommentReactionRemoved} {
		var got []evCaptured
		eventually(t, 30*time.Second, typ+" of the comment", func() bool {
			got = evList(t, typ, "")
			for _, ev := range got {
				if ev.Subject == cid || ev.Subject == reply["id"] {
					return true
				}
			}
			return false
		})
		for _, ev := range got {
			evCheck(t, v, ev)
		}
	}
	if n := len(evList(t, contracts.EventCommentReactionAdded, cid)); n != 1 {
		t.Errorf("%d reaction_added events for one reaction", n)
	}
}

// Markdown is stored as written and rendered without anything that runs.
func TestHostileCommentRendersHarmless(t *testing.T) {
	t.Parallel()
	owner := newPerson(t, "cmhostile")
	pid := newProject(t, owner, "Hostile")
	body := `<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) <a href="javascript:alert(4)" onmouseover="alert(5)">y</a>`
	c := cmPost(t, owner, "/api/v1/projects/"+pid+"/comments", body)
	if c["body"] != body {
		t.Fatalf("body not stored as written: %v", c["body"])
	}
	html := strings.ToLower(c["html"].(string))
	for _, bad := range []string{"<script", "onerror", "onmouseover", "javascript:", "<img"} {
		if strings.Contains(html, bad) {
			t.Errorf("html contains %q: %s", bad, html)
		}
	}
}

// What other contexts do reaches the comments: a deleted task or project
// takes its comments with it, a deleted account shows as "deleted user".
func TestCommentsFollowDeletions(t *testing.T) {
	t.Parallel()
	owner, leaver := newPerson(t, "cmdel"), newPerson(t, "cmleaver")
	pid := newProject(t, owner, "Deletions")
	addParticipant(t, owner, pid, leaver)
	doomed := newTask(t, owner, pid, map[string]any{"title": "Doomed"})["id"].(string)
	onTask := cmPost(t, owner, "/api/v1/tasks/"+doomed+"/comments", "soon gone")["id"].(string)
	byLeaver := cmPost(t, leaver, "/api/v1/projects/"+pid+"/comments", "bye")["id"].(string)

	expect(t, "delete task", owner.call(t, http.MethodDelete, "/api/v1/tasks/"+doomed, ""), http.StatusNoContent, "")
	eventually(t, 30*time.Second, "the task's comment to go", func() bool {
		return owner.call(t, http.MethodGet, "/api/v1/comments/"+onTask, "").Status == http.StatusNotFound
	})

	r := leaver.call(t, http.MethodDelete, "/api/v1/me", jsonBody(t, map[string]any{"password": leaver.Password}))
	expect(t, "delete account", r, http.StatusNoContent, "")
	eventually(t, 30*time.Second, "the author to show as deleted", func() bool {
		c := owner.call(t, http.MethodGet, "/api/v1/comments/"+byLeaver, "")
		a, _ := c.json(t)["author"].(map[string]any)
		return c.Status == http.StatusOK && a["deleted"] == true && a["displayName"] == "deleted user" && a["username"] == nil
	})

	other := newProject(t, owner, "Kept")
	kept := cmPost(t, owner, "/api/v1/projects/"+other+"/comments", "stays")["id"].(string)
	expect(t, "delete project", owner.call(t, http.MethodDelete, "/api/v1/projects/"+pid, ""), http.StatusNoContent, "")
	db := flowDB(t, "taskrocket_state")
	eventually(t, 30*time.Second, "the project's comments to be removed from the state store", func() bool {
		return flowCount(t, db, `SELECT count(*) FROM collaboration_state WHERE key LIKE ?`, "%comment/"+byLeaver) == 0
	})
	expect(t, "other project's comment", owner.call(t, http.MethodGet, "/api/v1/comments/"+kept, ""), http.StatusOK, "")
}

// Bad input on every comment endpoint answers 4xx with a stable code and
// writes nothing.
func TestCommentsBadInput(t *testing.T) {
	t.Parallel()
	owner := newPerson(t, "cmbad")
	pid := newProject(t, owner, "Bad")
	tid := newTask(t, owner, pid, map[string]any{"title": "T"})["id"].(string)
	cid := cmPost(t, owner, "/api/v1/tasks/"+tid+"/comments", "fine")["id"].(string)
	snapshot := func() string {
		return string(owner.call(t, http.MethodGet, "/api/v1/tasks/"+tid+"/comments", "").Body) +
			string(owner.call(t, http.MethodGet, "/api/v1/projects/"+pid+"/comments", "").Body)
	}
	before := snapshot()
	for _, tc := range []struct {
		method, path, body string
		status             int
		code               string
	}{
		{http.MethodPost, "/api/v1/tasks/" + tid + "/comments", `{"body":""}`, 400, "validation_failed"},
		{http.MethodPost, "/api/v1/tasks/" + tid + "/comments", `{"body":` + `"` + strings.Repeat("x", 10001) + `"}`, 400, "validation_failed"},
		{http.MethodPost, "/api/v1/tasks/" + tid + "/comments", `{"body":7}`, 400, "invalid_field_type"},
		{http.MethodPost, "/api/v1/projects/" + pid + "/comments", `not json`, 400, "invalid_json"},
		{http.MethodPost, "/api/v1/tasks/00000000-0000-0000-0000-000000000000/comments", `{"body":"x"}`, 404, "task_not_found"},
		{http.MethodGet, "/api/v1/tasks/" + tid + "/comments?limit=500", "", 400, "invalid_query"},
		{http.MethodGet, "/api/v1/tasks/" + tid + "/comments?cursor=zzz", "", 400, "invalid_cursor"},
		{http.MethodGet, "/api/v1/projects/" + pid + "/comment-counts?taskIds=nope", "", 400, "invalid_query"},
		{http.MethodPatch, "/api/v1/comments/" + cid, `{"body":"  "}`, 400, "validation_failed"},
		{http.MethodPost, "/api/v1/comments/" + cid + "/reactions", `{"emoji":"nice"}`, 400, "validation_failed"},
		{http.MethodDelete, "/api/v1/comments/" + cid + "/reactions", "", 400, "validation_failed"},
		{http.MethodGet, "/api/v1/comments/not-an-id", "", 404, "comment_not_found"},
	} {
		expect(t, tc.method+" "+tc.path, owner.call(t, tc.method, tc.path, tc.body), tc.status, tc.code)
	}
	if after := snapshot(); after != before {
		t.Fatalf("refused requests changed the comments:\n%s\n%s", before, after)
	}
}
