package adapters_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/search/adapters"
	"github.com/taskrocket/taskrocket/services/search/domain"
)

// What the query builder asks Elasticsearch for each kind of search of the
// relevance suite (ports/relevance_test.go runs them on Bleve for real).
func TestElasticQueryBuilder(t *testing.T) {
	t.Parallel()
	from, to := time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 20, 23, 59, 59, 0, time.UTC)
	for _, tc := range []struct {
		name, text string
		filters    domain.Filters
		want, not  []string
	}{
		{"typo-long-word", "certifcate ", domain.Filters{}, []string{`"fuzziness":2`, `"query":"certifcate"`}, []string{"phrase_prefix"}},
		{"typo-short-word", "espreso ", domain.Filters{}, []string{`"fuzziness":1`}, nil},
		{"no-typos-under-four", "tax ", domain.Filters{}, nil, []string{"fuzziness"}},
		{"prefix-only-last-word", "vendor contr", domain.Filters{}, []string{`"query":"contr","type":"phrase_prefix"`, `"title^8","labels^4","projectName^2","projectKey^2","description^2","assignees^1.5","comments^1"`}, []string{`"query":"vendor","type":"phrase_prefix"`}},
		{"phrase", `"release notes"`, domain.Filters{}, []string{`"query":"release notes","type":"phrase"`}, nil},
		{"filters-do-not-score", "server", domain.Filters{Priorities: []string{"urgent"}, Statuses: []string{"todo"}, Assignees: []string{"u1"}, Tags: []string{"g1"}},
			[]string{`{"terms":{"priority":["urgent"]}}`, `{"terms":{"status":["todo"]}}`, `{"terms":{"assigneeIds":["u1"]}}`, `{"terms":{"tagIds":["g1"]}}`, `{"term":{"kind":"task"}}`}, nil},
		{"due-range", "report", domain.Filters{DueFrom: &from, DueTo: &to}, []string{`{"range":{"dueAt":{"gte":"2026-12-15T00:00:00Z","lte":"2026-12-20T23:59:59Z"}}}`}, nil},
		{"filters-only", "", domain.Filters{Statuses: []string{"done"}}, []string{`"match_all"`, `{"updatedAt":"desc"}`}, []string{"highlight"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, err := domain.ParseText(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := json.Marshal(adapters.ElasticQuery(domain.Query{Text: text, Filters: tc.filters, Scope: []string{"p1"}, Limit: 20}))
			body := string(raw)
			if !strings.Contains(body, `{"terms":{"projectId":["p1"]}}`) {
				t.Fatalf("no scope filter: %s", body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("lacks %s:\n%s", w, body)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(body, n) {
					t.Errorf("has %s:\n%s", n, body)
				}
			}
			// Filters never score: they sit in bool.filter, words in bool.must.
			var q struct {
				Query struct {
					Bool struct {
						Filter []map[string]any `json:"filter"`
					} `json:"bool"`
				} `json:"query"`
			}
			_ = json.Unmarshal(raw, &q)
			if len(q.Query.Bool.Filter) < 1 {
				t.Fatalf("filters outside bool.filter: %s", body)
			}
		})
	}
}
