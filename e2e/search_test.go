package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// srResults is an answer of GET /api/v1/search.
type srResults struct {
	Items []struct {
		Kind       string              `json:"kind"`
		ID         string              `json:"id"`
		ProjectID  string              `json:"projectId"`
		Title      string              `json:"title"`
		Highlights map[string][]string `json:"highlights"`
	} `json:"items"`
	Total  int `json:"total"`
	Facets map[string][]struct {
		Value string `json:"value"`
		Count int    `json:"count"`
	} `json:"facets"`
}

func srSearch(t *testing.T, p person, params url.Values) srResults {
	t.Helper()
	r := p.call(t, http.MethodGet, "/api/v1/search?"+params.Encode(), "")
	expect(t, "search "+params.Encode(), r, http.StatusOK, "")
	var out srResults
	if err := json.Unmarshal(r.Body, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func (r srResults) ids() []string {
	var out []string
	for _, it := range r.Items {
		out = append(out, it.ID)
	}
	return out
}

// srMentions reports whether anything of the answer (results, facet
// values, highlights) names one of ids.
func (r srResults) mentions(ids ...string) bool {
	raw, _ := json.Marshal(r)
	for _, id := range ids {
		if strings.Contains(string(raw), id) {
			return true
		}
	}
	return false
}

// srUntil polls a search until check holds and returns how long it took
// (the freshness figures written to the suite's data folder).
func srUntil(t *testing.T, p person, params url.Values, what string, check func(srResults) bool) time.Duration {
	t.Helper()
	began := time.Now()
	for {
		if check(srSearch(t, p, params)) {
			return time.Since(began)
		}
		if time.Since(began) > 15*time.Second {
			t.Fatalf("search %v: %s did not happen", params, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Search through the gateway and real sidecars: tasks and comments are
// found as their events arrive, renamed and deleted tasks follow, and
// three people only ever find what their projects hold at that moment.
func TestSearchThroughTheStack(t *testing.T) {
	t.Parallel()
	ada, bob, eve := newPerson(t, "srada"), newPerson(t, "srbob"), newPerson(t, "sreve")
	word := fmt.Sprintf("quokka%d", time.Now().UnixNano()%1_000_000) // unique to this run
	open := newProject(t, ada, "Search open")
	secret := newProject(t, ada, "Search secret")
	addParticipant(t, ada, open, bob)

	shared := newTask(t, ada, open, map[string]any{"title": word + " migration plan", "assigneeIds": []string{bob.ID}})
	hidden := newTask(t, ada, secret, map[string]any{"title": word + " budget", "priority": "high", "assigneeIds": []string{ada.ID}})
	sharedID, hiddenID := shared["id"].(string), hidden["id"].(string)
	cmPost(t, ada, "/api/v1/tasks/"+hiddenID+"/comments", "the "+word+" wombat fund is confidential")

	var figures []string
	took := srUntil(t, ada, url.Values{"q": {word}}, "both tasks found", func(r srResults) bool { return r.Total >= 2 })
	figures = append(figures, fmt.Sprintf("created -> found: %s", took))
	srUntil(t, ada, url.Values{"q": {"wombat " + word}}, "the comment found", func(r srResults) bool {
		return slices.Equal(r.ids(), []string{hiddenID})
	})

	// A typo and a prefix find the task.
	typo := "qokka" + strings.TrimPrefix(word, "quokka")
	if got := srSearch(t, ada, url.Values{"q": {typo + " migration"}}); !slices.Contains(got.ids(), sharedID) {
		t.Fatalf("typo %q found %v", typo, got.ids())
	}
	if got := srSearch(t, ada, url.Values{"q": {word + " migr"}}); len(got.Items) == 0 || got.Items[0].ID != sharedID {
		t.Fatalf("prefix found %v", got.ids())
	}

	// Bob sees the open project only, in results, facets and highlights;
	// Eve sees nothing.
	for _, params := range []url.Values{
		{"q": {word}}, {"q": {"wombat"}}, {"q": {word}, "project": {secret}}, {"project": {secret}},
		{"assignee": {ada.ID}}, {"q": {word}, "priority": {"high"}},
	} {
		params.Set("facets", "all")
		if got := srSearch(t, bob, params); got.mentions(secret, hiddenID, "wombat", "budget") {
			t.Fatalf("bob with %v learns of the secret project: %+v", params, got)
		}
		if got := srSearch(t, eve, params); got.Total != 0 || got.mentions(open, secret, sharedID, hiddenID) {
			t.Fatalf("eve with %v: %+v", params, got)
		}
	}
	if got := srSearch(t, bob, url.Values{"q": {word}}); !slices.Equal(got.ids(), []string{sharedID}) {
		t.Fatalf("bob found %v", got.ids())
	}

	// Membership is read at query time: removed, bob finds nothing on his
	// very next search; added, eve finds the secret project's task at once.
	expect(t, "remove bob", ada.call(t, http.MethodDelete, "/api/v1/projects/"+open+"/members/"+bob.ID, ""), http.StatusNoContent, "")
	if got := srSearch(t, bob, url.Values{"q": {word}}); got.Total != 0 {
		t.Fatalf("removed bob still finds %v", got.ids())
	}
	addParticipant(t, ada, secret, eve)
	if got := srSearch(t, eve, url.Values{"q": {"wombat"}}); !slices.Equal(got.ids(), []string{hiddenID}) {
		t.Fatalf("added eve finds %v", got.ids())
	}

	// Renamed: found by the new title, no longer by the old one.
	fresh := fmt.Sprintf("numbat%d", time.Now().UnixNano()%1_000_000)
	// Bob's removal unassigns him (the tasks service applies the event):
	// the rename is made on the version after that.
	var current response
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		current = ada.call(t, http.MethodGet, "/api/v1/tasks/"+sharedID, "")
		expect(t, "read the task", current, http.StatusOK, "")
		if ids, _ := current.json(t)["assigneeIds"].([]any); len(ids) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("bob is still assigned 10 s after his removal: %s", current.Body)
		}
	}
	r := ada.callWith(t, http.MethodPatch, "/api/v1/tasks/"+sharedID, jsonBody(t, map[string]any{"title": fresh + " rollout"}),
		map[string]string{"If-Match": current.Header.Get("ETag")})
	expect(t, "rename", r, http.StatusOK, "")
	took = srUntil(t, ada, url.Values{"q": {fresh}}, "the renamed task found", func(r srResults) bool {
		return slices.Equal(r.ids(), []string{sharedID})
	})
	figures = append(figures, fmt.Sprintf("renamed -> found: %s", took))
	if got := srSearch(t, ada, url.Values{"q": {word + " migration"}}); slices.Contains(got.ids(), sharedID) {
		t.Fatalf("the old title still finds the task")
	}

	// Deleted: gone.
	expect(t, "delete", ada.call(t, http.MethodDelete, "/api/v1/tasks/"+hiddenID, ""), http.StatusNoContent, "")
	took = srUntil(t, ada, url.Values{"q": {"wombat"}}, "the deleted task gone", func(r srResults) bool {
		return !slices.Contains(r.ids(), hiddenID)
	})
	figures = append(figures, fmt.Sprintf("deleted -> gone: %s", took))
	t.Logf("freshness through the stack: %s", strings.Join(figures, "; "))
	_ = os.WriteFile(filepath.Join(suite.DataDir(), "search-freshness.txt"), []byte(strings.Join(figures, "\n")+"\n"), 0o644)

	// Bad input answers 4xx or an empty list, never 5xx.
	for _, q := range []string{strings.Repeat("x", 10<<10), "q=%00", "colour=red", "status=closed", "q=%ff", "q=%22%22%22", "project=" + secret + "&q=" + word} {
		raw := q
		if !strings.Contains(q, "=") {
			raw = "q=" + q
		}
		got := ada.call(t, http.MethodGet, "/api/v1/search?"+raw, "")
		if got.Status >= 500 || (got.Status != http.StatusOK && got.errorCode(t) == "") {
			t.Fatalf("%.40s: %d %s", raw, got.Status, got.Body)
		}
	}
	for _, q := range []string{"", `"`, "🚀", "\u200b", "Ｑｕｏｋｋａ"} {
		srSearch(t, ada, url.Values{"q": {q}})
	}
}
