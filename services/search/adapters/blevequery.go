package adapters

import (
	"context"
	"encoding/json"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/taskrocket/taskrocket/services/search/domain"
)

// facetFields maps the API's facet names to the indexed fields.
var facetFields = map[string]string{
	domain.FacetProject: "projectId", domain.FacetStatus: "status", domain.FacetPriority: "priority",
	domain.FacetAssignee: "assigneeIds", domain.FacetTag: "tagIds",
}

// facetSize bounds the values counted per facet.
const facetSize = 20

// highlighted are the fields snippets are cut from.
var highlighted = []string{"title", "labels", "description", "comments"}

// Search implements app.Index.
func (b *Bleve) Search(ctx context.Context, q domain.Query) (domain.Result, error) {
	req := bleve.NewSearchRequestOptions(bleveQuery(q), q.Limit, q.Offset, false)
	req.Fields = []string{"raw"}
	if q.Text.Empty() {
		req.SortBy([]string{"-updatedAt", "_id"})
	} else {
		// Score alone: a tie-break on a field or the id would read it for
		// every hit (a third of a broad query's time). Ties are in the
		// index's internal order; as with any offset cursor, a page read
		// after the index changed may repeat or skip a result.
		req.SortBy([]string{"-_score"})
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.Fields = highlighted
	}
	for _, name := range q.Facets {
		req.AddFacet(name, bleve.NewFacetRequest(facetFields[name], facetSize))
	}
	res, err := b.idx.SearchInContext(ctx, req)
	if err != nil {
		return domain.Result{}, err
	}
	out := domain.Result{Total: res.Total, Facets: map[string][]domain.FacetValue{}}
	for _, h := range res.Hits {
		var d domain.Doc
		raw, _ := h.Fields["raw"].(string)
		if err := json.Unmarshal([]byte(raw), &d); err != nil {
			continue
		}
		hit := domain.Hit{Doc: d, Score: h.Score}
		if len(h.Fragments) > 0 {
			hit.Highlights = map[string][]string(h.Fragments)
		}
		out.Hits = append(out.Hits, hit)
	}
	for name, fr := range res.Facets {
		values := []domain.FacetValue{}
		for _, t := range fr.Terms.Terms() {
			values = append(values, domain.FacetValue{Value: t.Term, Count: t.Count})
		}
		out.Facets[name] = values
	}
	return out, nil
}

// bleveQuery is the text query within the caller's projects and the
// filters (which match without scoring). Every word must match (in any field, exactly, with the typos
// its length allows, or as a prefix while it is typed), and every phrase.
func bleveQuery(q domain.Query) query.Query {
	filter := []query.Query{anyOf("projectId", q.Scope)}
	if q.Filters.TasksOnly() {
		filter = append(filter, term("kind", domain.DocTask))
	}
	f := q.Filters
	for field, values := range map[string][]string{
		"status": f.Statuses, "priority": f.Priorities, "assigneeIds": f.Assignees, "tagIds": f.Tags,
	} {
		if len(values) > 0 {
			filter = append(filter, anyOf(field, values))
		}
	}
	if f.DueFrom != nil || f.DueTo != nil {
		var from, to time.Time
		if f.DueFrom != nil {
			from = *f.DueFrom
		}
		if f.DueTo != nil {
			to = *f.DueTo
		}
		yes := true
		r := bleve.NewDateRangeInclusiveQuery(from, to, &yes, &yes)
		r.SetField("dueAt")
		filter = append(filter, r)
	}
	var must []query.Query
	words := q.Text.Words
	for i, w := range words {
		must = append(must, wordQuery(w, q.Text.Prefix && i == len(words)-1))
	}
	for _, p := range q.Text.Phrases {
		var any []query.Query
		for _, f := range textFields {
			m := bleve.NewMatchPhraseQuery(p)
			m.SetField(f.name)
			m.SetBoost(f.boost * 2)
			any = append(any, m)
		}
		must = append(must, bleve.NewDisjunctionQuery(any...))
	}
	if q.Text.Empty() {
		must = append(must, bleve.NewMatchAllQuery())
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(must...)
	b.AddFilter(bleve.NewConjunctionQuery(filter...))
	return b
}

// wordQuery matches one word in any text field: exactly (scored highest),
// or in the short fields also with typos or as the start of a longer word.
func wordQuery(w string, prefix bool) query.Query {
	fuzz := domain.Fuzziness(w)
	var any []query.Query
	for _, f := range textFields {
		t := bleve.NewTermQuery(w)
		t.SetField(f.name)
		t.SetBoost(f.boost * 2)
		any = append(any, t)
		if !f.loose {
			continue
		}
		if fuzz > 0 {
			z := bleve.NewFuzzyQuery(w)
			z.SetField(f.name)
			z.SetFuzziness(fuzz)
			z.SetBoost(f.boost * 0.6)
			any = append(any, z)
		}
		if prefix {
			p := bleve.NewPrefixQuery(w)
			p.SetField(f.name)
			p.SetBoost(f.boost * 0.8)
			any = append(any, p)
		}
	}
	return bleve.NewDisjunctionQuery(any...)
}

func term(field, value string) query.Query {
	t := bleve.NewTermQuery(value)
	t.SetField(field)
	return t
}

func anyOf(field string, values []string) query.Query {
	qs := make([]query.Query, 0, len(values))
	for _, v := range values {
		qs = append(qs, term(field, v))
	}
	return bleve.NewDisjunctionQuery(qs...)
}
