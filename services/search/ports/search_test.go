package ports_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apitest"

	"github.com/taskrocket/taskrocket/services/search/ports"
)

func TestSearchFindsAsYouType(t *testing.T) {
	e := newEnv(t)
	ada := e.user("ada")
	web := e.project("Website", "WEB", ada)
	landing := newTask(web, "Ship the landing page")
	landing.Description = "Hero image and the **pricing** table"
	e.save(landing)
	other := newTask(web, "Update the imprint")
	e.save(other)

	for _, tc := range []struct{ name, q, want string }{
		{"exact-word", "landing", landing.Title},
		{"prefix-while-typing", "land", landing.Title},
		{"typo", "lnading", landing.Title},
		{"two-typos-in-long-word", "imprnit", other.Title},
		{"description", "pricing", landing.Title},
		{"phrase", `"landing page"`, landing.Title},
		{"project-key", "web landing", landing.Title},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.find(ada, tc.q)
			if len(r.Items) == 0 || r.Items[0].Title != tc.want {
				t.Fatalf("%q found %v, want %q first", tc.q, r.titles(), tc.want)
			}
		})
	}
	if r := e.find(ada, `"page landing"`); len(r.Items) != 0 {
		t.Fatalf("a phrase out of order matched %v", r.titles())
	}
	if r := e.find(ada, "landing "); len(r.Items) != 1 {
		t.Fatalf("a finished word matched %v", r.titles())
	}
}

func TestSearchHighlightsEscapeText(t *testing.T) {
	e := newEnv(t)
	ada := e.user("ada")
	p := e.project("Website", "WEB", ada)
	tk := newTask(p, `<img src=x onerror=alert(1)> broken banner`)
	e.save(tk)
	e.comment(tk, "The banner <script>alert(2)</script> needs a fix")
	r := e.find(ada, "banner")
	if len(r.Items) != 1 {
		t.Fatalf("found %v", r.titles())
	}
	hl := r.Items[0].Highlights
	title := strings.Join(hl["title"], "")
	if !strings.Contains(title, "<mark>banner</mark>") || strings.Contains(title, "<img") {
		t.Fatalf("title highlight %q", title)
	}
	if c := strings.Join(hl["comments"], ""); !strings.Contains(c, "<mark>banner</mark>") || strings.Contains(c, "<script>") {
		t.Fatalf("comment highlight %q", c)
	}
}

func TestSearchOnlyInCallersProjects(t *testing.T) {
	e := newEnv(t)
	ada, bob, eve := e.user("ada"), e.user("bob"), e.user("eve")
	shared := e.project("Shared", "SHR", ada, bob)
	secret := e.project("Secret plans", "SEC", ada)
	tagShared := e.tag(shared, "launch")
	tagSecret := e.tag(secret, "launch")
	a := newTask(shared, "Rocket launch checklist")
	a.AssigneeIDs, a.TagIDs = []string{bob.ID}, []string{tagShared}
	e.save(a)
	s := newTask(secret, "Rocket launch budget")
	s.AssigneeIDs, s.TagIDs = []string{ada.ID}, []string{tagSecret}
	e.save(s)
	e.comment(s, "rocket fuel is expensive")

	if got := e.find(ada, "rocket").titles(); len(got) != 2 {
		t.Fatalf("ada found %v", got)
	}
	bobs := e.find(bob, "rocket launch")
	if bobs.Total != 1 || bobs.Items[0].ID != a.ID {
		t.Fatalf("bob found %v", bobs.titles())
	}
	for name, values := range bobs.Facets {
		for _, v := range values {
			if v.Value == secret || v.Value == tagSecret || v.Value == ada.ID {
				t.Fatalf("facet %s reveals %s", name, v.Value)
			}
		}
	}
	if got := e.find(eve, "rocket"); got.Total != 0 || len(got.Facets["project"]) != 0 {
		t.Fatalf("a stranger found %+v", got)
	}
	// Filters naming the secret project, its tag or its assignee find nothing.
	for _, params := range []url.Values{
		{"q": {"rocket"}, "project": {secret}},
		{"project": {secret}},
		{"tag": {tagSecret}},
		{"assignee": {ada.ID}},
		{"q": {"fuel"}},
		{"q": {"budget"}},
		{"q": {"sec"}},
	} {
		if got := e.search(bob, params); got.Total != 0 || len(got.Items) != 0 {
			t.Fatalf("bob with %v found %v", params, got.titles())
		}
	}
	// Removed from the project, ada finds only what she still may see;
	// added again, she finds it again. The index is not touched.
	e.members.remove(secret, ada.ID)
	if got := e.find(ada, "rocket").titles(); !slices.Equal(got, []string{a.Title}) {
		t.Fatalf("removed ada found %v", got)
	}
	e.members.add(secret, bob.ID)
	if got := e.find(bob, "budget").titles(); !slices.Equal(got, []string{s.Title}) {
		t.Fatalf("added bob found %v", got)
	}
}

func TestSearchFiltersFacetsAndPages(t *testing.T) {
	e := newEnv(t)
	ada, bob := e.user("ada"), e.user("bob")
	p := e.project("Garden", "GRD", ada, bob)
	q := e.project("Kitchen", "KIT", ada)
	urgent := e.tag(p, "urgent")
	for i, title := range []string{"Water the roses", "Water the tulips", "Water the lawn", "Water the herbs", "Water the cactus"} {
		tk := newTask(p, title)
		if i%2 == 0 {
			tk.Status = contracts.TaskDone
		}
		if i == 1 {
			tk.AssigneeIDs, tk.TagIDs, tk.Priority = []string{bob.ID}, []string{urgent}, contracts.PriorityHigh
		}
		e.save(tk)
	}
	e.save(newTask(q, "Water the plants on the window sill"))

	all := e.find(ada, "water")
	if all.Total != 6 {
		t.Fatalf("total %d: %v", all.Total, all.titles())
	}
	if plain := e.search(ada, url.Values{"q": {"water"}}); len(plain.Facets) != 0 || plain.Total != 6 {
		t.Fatalf("facets counted unasked: %v", plain.Facets)
	}
	if one := e.search(ada, url.Values{"q": {"water"}, "facets": {"status"}}); len(one.Facets) != 1 || len(one.Facets["status"]) != 2 {
		t.Fatalf("asked for the status facet only, got %v", one.Facets)
	}
	counts := map[string]int{}
	for _, v := range all.Facets["status"] {
		counts[v.Value] = v.Count
	}
	if counts[contracts.TaskDone] != 3 || counts[contracts.TaskTodo] != 3 {
		t.Fatalf("status facet %v", all.Facets["status"])
	}
	for _, tc := range []struct {
		params url.Values
		want   []string
	}{
		{url.Values{"q": {"water"}, "assignee": {bob.ID}}, []string{"Water the tulips"}},
		{url.Values{"q": {"water"}, "tag": {urgent}}, []string{"Water the tulips"}},
		{url.Values{"q": {"water"}, "priority": {"high"}}, []string{"Water the tulips"}},
		{url.Values{"q": {"water"}, "project": {q}}, []string{"Water the plants on the window sill"}},
		{url.Values{"assignee": {"me"}}, nil},
	} {
		got := e.search(ada, tc.params)
		if !slices.Equal(got.titles(), tc.want) {
			t.Fatalf("%v found %v, want %v", tc.params, got.titles(), tc.want)
		}
	}
	if got := e.search(bob, url.Values{"assignee": {"me"}}).titles(); !slices.Equal(got, []string{"Water the tulips"}) {
		t.Fatalf("bob's tasks %v", got)
	}
	if got := e.search(ada, url.Values{"q": {"water"}, "status": {"done"}}); got.Total != 3 {
		t.Fatalf("done %v", got.titles())
	}
	// Pages of two cover all six, once each.
	seen := map[string]bool{}
	params := url.Values{"q": {"water"}, "limit": {"2"}}
	for page := 0; ; page++ {
		r := e.search(ada, params)
		for _, h := range r.Items {
			if seen[h.ID] {
				t.Fatalf("%s on two pages", h.Title)
			}
			seen[h.ID] = true
		}
		if r.NextCursor == "" {
			break
		}
		params.Set("cursor", r.NextCursor)
		if page > 5 {
			t.Fatal("pages do not end")
		}
	}
	if len(seen) != 6 {
		t.Fatalf("pages held %d results", len(seen))
	}
	// A cursor is only good for the search it was issued for.
	params.Set("q", "roses")
	e.api.Refuse(t, http.StatusBadRequest, "invalid_cursor", apitest.Request{Method: "GET",
		Path: "/api/v1/search?" + params.Encode(), Token: ada.Token})
}

func TestEventsNeverMakeADocumentOlder(t *testing.T) {
	e := newEnv(t)
	ada := e.user("ada")
	p := e.project("Website", "WEB", ada)
	tk := newTask(p, "Draft the newsletter")
	created := e.save(tk)
	tk.Version, tk.Title = 2, "Send the newsletter"
	renamed := e.save(tk)
	tk.Version, tk.Title = 3, "Archive the newsletter"
	e.save(tk)
	// Redelivered and late events change nothing.
	e.redeliver(ports.RouteTasks, renamed)
	e.redeliver(ports.RouteTasks, created)
	if got := e.find(ada, "newsletter").titles(); !slices.Equal(got, []string{"Archive the newsletter"}) {
		t.Fatalf("after late events: %v", got)
	}
	// A deleted task is gone, and an event about it arriving late does not
	// bring it back.
	e.deleteTask(tk)
	e.redeliver(ports.RouteTasks, renamed)
	tk.Version = 9
	e.save(tk)
	if got := e.find(ada, "newsletter"); got.Total != 0 {
		t.Fatalf("deleted task found: %v", got.titles())
	}
}

func TestNamesFollowTheirEvents(t *testing.T) {
	e := newEnv(t)
	ada, bob := e.user("ada"), e.user("bob")
	p := e.project("Website", "WEB", ada)
	tag := e.tag(p, "frontend")
	tk := newTask(p, "Fix the header")
	tk.TagIDs, tk.AssigneeIDs = []string{tag}, []string{bob.ID}
	e.save(tk)
	c := e.comment(tk, "the logo overlaps the menu")

	for _, q := range []string{"frontend", "bob", "logo", "header"} {
		if got := e.find(ada, q).titles(); !slices.Equal(got, []string{tk.Title}) {
			t.Fatalf("%q found %v", q, got)
		}
	}
	// A renamed tag, a renamed person, an edited comment, a renamed project.
	e.deliver(ports.RouteTasks, contracts.EventTagUpdated, contracts.TagUpdated{ProjectID: p, TagID: tag, Name: "styling", Changed: []string{"name"}, OccurredAt: e.tick()})
	e.deliver(ports.RouteUsers, contracts.EventUserUpdated, contracts.UserUpdated{UserID: bob.ID, Username: "robert", DisplayName: "Robert", Changed: []string{"username"}, OccurredAt: e.tick()})
	tid := tk.ID
	e.deliver(ports.RouteComments, contracts.EventCommentUpdated, contracts.CommentUpdated{ProjectID: p, TaskID: &tid, CommentID: c,
		Comment: contracts.Comment{ID: c, ProjectID: p, TaskID: &tid, Body: "the icon overlaps the menu", Version: 2}, OccurredAt: e.tick()})
	e.deliver(ports.RouteProjects, contracts.EventProjectUpdated, contracts.ProjectUpdated{ProjectID: p, ProjectVersion: 2, Name: "Homepage", Key: "HOME", Changed: []string{"name", "key"}, OccurredAt: e.tick()})
	for q, want := range map[string]int{"styling": 1, "frontend": 0, "robert": 1, "icon": 1, "logo": 0, "homepage": 2, "website": 0} {
		if got := e.find(ada, q); got.Total != want { // the project itself is found by its name
			t.Fatalf("%q found %v, want %d", q, got.titles(), want)
		}
	}
	// A deleted tag and comment, then the project: nothing is left.
	e.deliver(ports.RouteTasks, contracts.EventTagDeleted, contracts.TagDeleted{ProjectID: p, TagID: tag, Name: "styling", OccurredAt: e.tick()})
	e.deliver(ports.RouteComments, contracts.EventCommentDeleted, contracts.CommentDeleted{ProjectID: p, TaskID: &tid, CommentID: c, OccurredAt: e.tick()})
	if got := e.search(ada, url.Values{"tag": {tag}}); got.Total != 0 {
		t.Fatalf("deleted tag still filters %v", got.titles())
	}
	if e.find(ada, "styling").Total+e.find(ada, "icon").Total != 0 {
		t.Fatal("deleted tag or comment still found")
	}
	e.deliver(ports.RouteProjects, contracts.EventProjectDeleted, contracts.ProjectDeleted{ProjectID: p, ProjectVersion: 3, Name: "Homepage", OccurredAt: e.tick()})
	if got := e.find(ada, "header"); got.Total != 0 {
		t.Fatalf("deleted project's task found %v", got.titles())
	}
	if got := e.find(ada, "homepage"); got.Total != 0 {
		t.Fatalf("deleted project found %v", got.titles())
	}
}

func TestSearchRefusesBadInput(t *testing.T) {
	e := newEnv(t)
	ada := e.user("ada")
	p := e.project("Website", "WEB", ada)
	e.save(newTask(p, "Ship the landing page"))
	long := strings.Repeat("a", 10<<10)
	for _, tc := range []struct{ name, query, code string }{
		{"ten-kilobytes", "q=" + long, "invalid_query"},
		{"unknown-filter", "q=x&colour=red", "invalid_query"},
		{"bad-status", "q=x&status=closed", "invalid_query"},
		{"bad-project", "q=x&project=42", "invalid_query"},
		{"bad-date", "dueFrom=tomorrow", "invalid_query"},
		{"reversed-range", "dueFrom=2026-12-10&dueTo=2026-12-01", "invalid_query"},
		{"bad-limit", "q=x&limit=500", "invalid_query"},
		{"unknown-facet", "q=x&facets=colour", "invalid_query"},
		{"bad-cursor", "q=x&cursor=%7B%7D", "invalid_cursor"},
		{"broken-escape", "q=%zz", "invalid_query"},
		{"invalid-utf8", "q=%ff%fe", "invalid_query"},
		{"too-many-words", "q=" + strings.Repeat("w+", 40), "invalid_query"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.api.Refuse(t, http.StatusBadRequest, tc.code, apitest.Request{Method: "GET", Path: "/api/v1/search?" + tc.query, Token: ada.Token})
		})
	}
	for _, q := range []string{"", " ", `"`, `""`, "***", "\u200b\u200d", "🚀🚀", "ŝħíp", "Ｓｈｉｐ", "\x00", "a"} {
		r := e.find(ada, q)
		if r.Items == nil {
			t.Fatalf("%q: items missing", q)
		}
	}
	e.api.Refuse(t, http.StatusUnauthorized, "token_missing", apitest.Request{Method: "GET", Path: "/api/v1/search?q=ship"})
}

func TestSearchDocumentMatchesRoutes(t *testing.T) {
	e := newEnv(t)
	e.api.CheckRoutes(t, 1)
	e.api.CheckServedDocument(t)
}
