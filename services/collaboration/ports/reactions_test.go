package ports_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
)

func TestOneReactionPerPersonPerEmoji(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, grace := e.user("ada"), e.user("grace")
	pid := e.peers.project(ada.ID, grace.ID)
	c := e.post(ada, "/api/v1/projects/"+pid+"/comments", "Ship it?")
	path := "/api/v1/comments/" + c.ID + "/reactions"

	e.must(http.StatusCreated, req{Method: "POST", Path: path, Token: grace.Token, Body: `{"emoji":"👍"}`})
	e.must(http.StatusOK, req{Method: "POST", Path: path, Token: grace.Token, Body: `{"emoji":"👍"}`})
	e.must(http.StatusCreated, req{Method: "POST", Path: path, Token: ada.Token, Body: `{"emoji":"👍"}`})
	got := decode[comment](t, e.must(http.StatusCreated, req{Method: "POST", Path: path, Token: ada.Token, Body: `{"emoji":"👩‍💻"}`}))
	if len(got.Reactions) != 2 || got.Reactions[0].Emoji != "👍" || got.Reactions[0].Count != 2 || !got.Reactions[0].Mine ||
		got.Reactions[1].Emoji != "👩‍💻" || got.Reactions[1].Count != 1 {
		t.Fatalf("reactions %+v", got.Reactions)
	}
	got = decode[comment](t, e.must(http.StatusOK, req{Method: "DELETE", Path: path + "?emoji=" + url.QueryEscape("👍"), Token: grace.Token}))
	if got.Reactions[0].Count != 1 || got.Reactions[0].UserIDs[0] != ada.ID {
		t.Fatalf("after grace took hers back %+v", got.Reactions)
	}
	e.must(http.StatusOK, req{Method: "DELETE", Path: path + "?emoji=" + url.QueryEscape("👍"), Token: grace.Token})
	if n, m := len(e.pub.ofType(contracts.EventCommentReactionAdded)), len(e.pub.ofType(contracts.EventCommentReactionRemoved)); n != 3 || m != 1 {
		t.Fatalf("%d reaction_added and %d reaction_removed events, want 3 and 1 (repeats announce nothing)", n, m)
	}
	if got.Version != 1 {
		t.Errorf("reactions changed the comment's version to %d; an edit in progress must not fail because of them", got.Version)
	}
}

func TestTooManyDifferentReactions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.user("ada")
	pid := e.peers.project(ada.ID)
	c := e.post(ada, "/api/v1/projects/"+pid+"/comments", "vote")
	path := "/api/v1/comments/" + c.ID + "/reactions"
	for i := range 20 {
		e.must(http.StatusCreated, req{Method: "POST", Path: path, Token: ada.Token, Body: fmt.Sprintf(`{"emoji":"%c"}`, rune(0x1f600+i))})
	}
	e.refuse(http.StatusConflict, "too_many_reactions", req{Method: "POST", Path: path, Token: ada.Token, Body: `{"emoji":"🚀"}`})
}
