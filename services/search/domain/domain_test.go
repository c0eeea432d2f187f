package domain_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/search/domain"
)

func TestParseText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in string
		words    []string
		phrases  []string
		prefix   bool
	}{
		{"typing", "Ship land", []string{"ship", "land"}, nil, true},
		{"finished-word", "ship ", []string{"ship"}, nil, false},
		{"phrase", `"landing page" ship`, []string{"ship"}, []string{"landing page"}, true},
		{"unclosed-phrase", `ship "landing pa`, []string{"ship"}, []string{"landing pa"}, false},
		{"one-word-phrase", `"ship"`, []string{"ship"}, nil, false},
		{"short-last-word", "ship a", []string{"ship", "a"}, nil, false},
		{"punctuation", "v1.2-rc!", []string{"v1", "2", "rc"}, nil, false},
		{"unicode", "Zażółć gęślą", []string{"zażółć", "gęślą"}, nil, true},
		{"only-symbols", "*** 🚀", nil, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := domain.ParseText(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Words, tc.words) || !slices.Equal(got.Phrases, tc.phrases) || got.Prefix != tc.prefix {
				t.Fatalf("%q -> %+v", tc.in, got)
			}
		})
	}
	if _, err := domain.ParseText(strings.Repeat("x", domain.MaxQueryRunes+1)); err != domain.ErrQueryTooLong {
		t.Fatalf("long text: %v", err)
	}
	if _, err := domain.ParseText(strings.Repeat("w ", domain.MaxTerms+1)); err != domain.ErrTooManyTerms {
		t.Fatalf("many words: %v", err)
	}
}

func TestFuzzinessGrowsWithLength(t *testing.T) {
	t.Parallel()
	for word, want := range map[string]int{"a": 0, "bug": 0, "page": 1, "landing": 1, "newsletter": 2, "zażółć": 1} {
		if got := domain.Fuzziness(word); got != want {
			t.Errorf("%s: %d, want %d", word, got, want)
		}
	}
}

func TestSupersedes(t *testing.T) {
	t.Parallel()
	held := domain.Task{Version: 3}
	for _, tc := range []struct {
		name string
		next domain.Task
		held domain.Task
		ok   bool
		want bool
	}{
		{"first", domain.Task{Version: 1}, domain.Task{}, false, true},
		{"newer", domain.Task{Version: 4}, held, true, true},
		{"redelivered", domain.Task{Version: 3}, held, true, false},
		{"late", domain.Task{Version: 2}, held, true, false},
		{"after-deletion", domain.Task{Version: 9}, domain.Task{Version: 3, Deleted: true}, true, false},
	} {
		if got := tc.next.Supersedes(tc.held, tc.ok); got != tc.want {
			t.Errorf("%s: %v", tc.name, got)
		}
	}
	if !(domain.Comment{Deleted: true}).Supersedes(domain.Comment{Version: 5}, true) {
		t.Error("a comment's deletion must win over any version")
	}
}

func TestRenderTaskDropsDeletedNames(t *testing.T) {
	t.Parallel()
	task := domain.Task{ID: "t", ProjectID: "p", Title: "x", TagIDs: []string{"a", "b", "c"}, CategoryID: "k", AssigneeIDs: []string{"u", "v"}}
	d := domain.RenderTask(task, []domain.Comment{{Body: "one"}, {Deleted: true}}, domain.Names{
		Project: domain.Project{Name: "Web", Key: "WEB"},
		Labels:  map[string]domain.Label{"a": {Name: "front"}, "b": {Name: "gone", Deleted: true}, "k": {Name: "design"}},
		Users:   map[string]domain.User{"u": {Username: "ada", DisplayName: "Ada"}, "v": {Deleted: true}},
	})
	if !slices.Equal(d.TagIDs, []string{"a", "c"}) || !slices.Equal(d.Labels, []string{"front", "design"}) ||
		!slices.Equal(d.Assignees, []string{"Ada", "ada"}) || !slices.Equal(d.Comments, []string{"one"}) || d.ProjectKey != "WEB" {
		t.Fatalf("%+v", d)
	}
}
