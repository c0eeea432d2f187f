package ports_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
)

func TestCommentOnATaskAndReadItBack(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, grace := e.user("ada"), e.user("grace")
	pid := e.peers.project(ada.ID, grace.ID)
	tid := e.peers.task(pid)
	path := "/api/v1/tasks/" + tid + "/comments"

	c := e.post(ada, path, "  Looks **good**, @Grace and @nobody!\r\nSee `@ada` ")
	if c.Body != "Looks **good**, @Grace and @nobody!\nSee `@ada`" || c.Edited || c.Version != 1 {
		t.Fatalf("stored body %q edited %v version %d", c.Body, c.Edited, c.Version)
	}
	if len(c.Mentions) != 1 || c.Mentions[0] != grace.ID {
		t.Fatalf("mentions %v, want only grace (a member); code spans and non-members are not mentions", c.Mentions)
	}
	if !strings.Contains(c.HTML, `<strong>good</strong>`) || !strings.Contains(c.HTML, `data-user-id="`+grace.ID+`"`) ||
		!strings.Contains(c.HTML, "@nobody") || strings.Count(c.HTML, "mention") != 1 {
		t.Fatalf("html %s", c.HTML)
	}
	if c.Author.ID != ada.ID || c.Author.Username == nil || *c.Author.Username != "ada" || c.TaskID == nil || *c.TaskID != tid {
		t.Fatalf("author %+v task %v", c.Author, c.TaskID)
	}
	got := e.list(grace, path)
	if got.Total != 1 || len(got.Items) != 1 || got.Items[0].ID != c.ID {
		t.Fatalf("list %+v", got)
	}
	one := decode[comment](t, e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/comments/" + c.ID, Token: grace.Token}))
	if one.Body != c.Body {
		t.Fatalf("get %+v", one)
	}

	created := e.pub.ofType(contracts.EventCommentCreated)
	if len(created) != 1 {
		t.Fatalf("%d comment.created events", len(created))
	}
	data := contracttest.Decode[contracts.CommentCreated](t, created[0])
	if data.CommentID != c.ID || data.TaskID == nil || *data.TaskID != tid || data.Actor.UserID != ada.ID ||
		len(data.Comment.MentionedUserIDs) != 1 || data.Comment.MentionedUserIDs[0] != grace.ID {
		t.Fatalf("comment.created %+v", data)
	}
}

func TestHostileMarkdownIsRenderedHarmless(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.user("ada")
	pid := e.peers.project(ada.ID)
	hostile := "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3)) " +
		"<a href=\"javascript:alert(4)\" onclick=\"alert(5)\">x</a> [ok](https://example.com)"
	c := e.post(ada, "/api/v1/projects/"+pid+"/comments", hostile)
	if c.Body != hostile {
		t.Fatalf("the body is stored as written, got %q", c.Body)
	}
	lower := strings.ToLower(c.HTML)
	for _, bad := range []string{"<script", "onerror", "onclick", "javascript:", "<img"} {
		if strings.Contains(lower, bad) {
			t.Errorf("rendered HTML contains %q: %s", bad, c.HTML)
		}
	}
	if !strings.Contains(c.HTML, `href="https://example.com"`) || !strings.Contains(c.HTML, `rel="nofollow`) {
		t.Errorf("a safe link should survive with rel=nofollow: %s", c.HTML)
	}
}

func TestListsPageNewestOrOldestFirst(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.user("ada")
	pid := e.peers.project(ada.ID)
	path := "/api/v1/projects/" + pid + "/comments"
	var ids []string
	for i := range 7 {
		ids = append(ids, e.post(ada, path, "comment "+string(rune('a'+i))).ID)
	}
	walk := func(order string) []string {
		var got []string
		q := "?limit=3&order=" + order
		for page := 0; page < 5; page++ {
			l := e.list(ada, path+q)
			if l.Total != 7 {
				t.Fatalf("total %d", l.Total)
			}
			for _, c := range l.Items {
				got = append(got, c.ID)
			}
			if l.NextCursor == "" {
				return got
			}
			q = "?limit=3&order=" + order + "&cursor=" + url.QueryEscape(l.NextCursor)
		}
		t.Fatal("too many pages")
		return nil
	}
	if got := walk("oldest"); strings.Join(got, ",") != strings.Join(ids, ",") {
		t.Fatalf("oldest first %v, want %v", got, ids)
	}
	newest := walk("newest")
	for i := range ids {
		if newest[i] != ids[len(ids)-1-i] {
			t.Fatalf("newest first %v", newest)
		}
	}
	// A cursor of one order does not resume the other.
	first := e.list(ada, path+"?limit=3&order=newest")
	e.refuse(http.StatusBadRequest, "invalid_cursor", req{Method: "GET", Path: path + "?order=oldest&cursor=" + url.QueryEscape(first.NextCursor), Token: ada.Token})
}

func TestEditIsTheAuthorsAndMarksTheComment(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, grace, bob := e.user("ada"), e.user("grace"), e.user("bob")
	pid := e.peers.project(ada.ID, grace.ID, bob.ID)
	c := e.post(grace, "/api/v1/projects/"+pid+"/comments", "first draft")
	path := "/api/v1/comments/" + c.ID

	e.refuse(http.StatusForbidden, "not_comment_author", req{Method: "PATCH", Path: path, Token: ada.Token, Body: `{"body":"owner rewrite"}`})
	e.refuse(http.StatusPreconditionFailed, "version_mismatch", req{Method: "PATCH", Path: path, Token: grace.Token,
		Body: `{"body":"x"}`, Header: map[string]string{"If-Match": `"7"`}})
	res := e.must(http.StatusOK, req{Method: "PATCH", Path: path, Token: grace.Token, Body: `{"body":"final, cc @bob"}`,
		Header: map[string]string{"If-Match": `"1"`}})
	edited := decode[comment](t, res)
	if !edited.Edited || edited.Version != 2 || edited.Body != "final, cc @bob" || res.Header.Get("ETag") != `"2"` {
		t.Fatalf("edited %+v etag %s", edited, res.Header.Get("ETag"))
	}
	// The same body again changes nothing and announces nothing.
	e.must(http.StatusOK, req{Method: "PATCH", Path: path, Token: grace.Token, Body: `{"body":"final, cc @bob"}`})
	updates := e.pub.ofType(contracts.EventCommentUpdated)
	if len(updates) != 1 {
		t.Fatalf("%d comment.updated events", len(updates))
	}
	u := contracttest.Decode[contracts.CommentUpdated](t, updates[0])
	if u.PreviousBody != "first draft" || len(u.NewMentionedUserIDs) != 1 || u.NewMentionedUserIDs[0] != bob.ID || u.Comment.EditedAt == nil {
		t.Fatalf("comment.updated %+v", u)
	}
}

func TestDeleteOwnOrAsOwner(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, grace, bob := e.user("ada"), e.user("grace"), e.user("bob")
	pid := e.peers.project(ada.ID, grace.ID, bob.ID)
	tid := e.peers.task(pid)
	path := "/api/v1/tasks/" + tid + "/comments"
	gc, bc := e.post(grace, path, "grace's"), e.post(bob, path, "bob's")

	e.refuse(http.StatusForbidden, "not_comment_author", req{Method: "DELETE", Path: "/api/v1/comments/" + bc.ID, Token: grace.Token})
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/comments/" + gc.ID, Token: grace.Token})
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/comments/" + bc.ID, Token: ada.Token})
	e.refuse(http.StatusNotFound, "comment_not_found", req{Method: "GET", Path: "/api/v1/comments/" + gc.ID, Token: ada.Token})
	if l := e.list(ada, path); l.Total != 0 || len(l.Items) != 0 {
		t.Fatalf("list after deletes %+v", l)
	}
	deleted := e.pub.ofType(contracts.EventCommentDeleted)
	if len(deleted) != 2 || contracttest.Decode[contracts.CommentDeleted](t, deleted[1]).Actor.UserID != ada.ID {
		t.Fatalf("comment.deleted events %v", deleted)
	}
	for _, k := range e.kv.Keys() {
		if strings.HasPrefix(k, "comment/") {
			t.Errorf("a deleted comment's document is still stored: %s", k)
		}
	}
}

func TestCommentCountsPerTask(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, eve := e.user("ada"), e.user("eve")
	pid, other := e.peers.project(ada.ID), e.peers.project(eve.ID)
	t1, t2, foreign := e.peers.task(pid), e.peers.task(pid), e.peers.task(other)
	for range 3 {
		e.post(ada, "/api/v1/tasks/"+t1+"/comments", "x")
	}
	e.post(eve, "/api/v1/tasks/"+foreign+"/comments", "secret")
	res := e.must(http.StatusOK, req{Method: "GET", Token: ada.Token,
		Path: "/api/v1/projects/" + pid + "/comment-counts?taskIds=" + t1 + "," + t2 + "," + foreign})
	counts := decode[struct{ Counts map[string]int }](t, res).Counts
	if counts[t1] != 3 || counts[t2] != 0 || counts[foreign] != 0 {
		t.Fatalf("counts %v: want 3, 0 and 0 for another project's task", counts)
	}
}

func TestMentionSuggestions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, grace, greg, bob := e.user("ada"), e.user("grace"), e.user("greg"), e.user("bob")
	e.peers.name(bob.ID, "bob", "Gregory Bobson")
	outsider := e.user("gretchen")
	pid := e.peers.project(ada.ID, grace.ID, greg.ID, bob.ID)
	res := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/projects/" + pid + "/mentionable?q=@GR", Token: ada.Token})
	items := decode[struct {
		Items []struct{ Username string } `json:"items"`
	}](t, res).Items
	var names []string
	for _, it := range items {
		names = append(names, it.Username)
	}
	if strings.Join(names, ",") != "grace,greg,bob" {
		t.Fatalf("suggestions %v: usernames first, then display names; never a non-member (%s)", names, outsider.Username)
	}
}
