package adapters

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/taskrocket/taskrocket/services/search/domain"
)

// ElasticQuery is the body of a _search for q: the same matching as the
// embedded index (every word in some field: exactly, with the typos its
// length allows, or as a prefix while it is typed; every phrase), the
// caller's projects and the filters as non-scoring filters, a terms
// aggregation per facet and highlights with the text HTML-escaped.
func ElasticQuery(q domain.Query) map[string]any {
	filter := []any{terms("projectId", q.Scope)}
	if q.Filters.TasksOnly() {
		filter = append(filter, map[string]any{"term": map[string]any{"kind": domain.DocTask}})
	}
	f := q.Filters
	for _, c := range []struct {
		field  string
		values []string
	}{{"status", f.Statuses}, {"priority", f.Priorities}, {"assigneeIds", f.Assignees}, {"tagIds", f.Tags}} {
		if len(c.values) > 0 {
			filter = append(filter, terms(c.field, c.values))
		}
	}
	if f.DueFrom != nil || f.DueTo != nil {
		r := map[string]any{}
		if f.DueFrom != nil {
			r["gte"] = f.DueFrom.UTC().Format(time.RFC3339Nano)
		}
		if f.DueTo != nil {
			r["lte"] = f.DueTo.UTC().Format(time.RFC3339Nano)
		}
		filter = append(filter, map[string]any{"range": map[string]any{"dueAt": r}})
	}
	fields := make([]string, 0, len(textFields))
	var loose []string // typos and prefixes: the short fields only
	for _, t := range textFields {
		fields = append(fields, t.name+"^"+trimFloat(t.boost))
		if t.loose {
			loose = append(loose, t.name+"^"+trimFloat(t.boost))
		}
	}
	var must []any
	for i, w := range q.Text.Words {
		should := []any{
			map[string]any{"multi_match": map[string]any{"query": w, "fields": fields, "boost": 2}},
		}
		if fz := domain.Fuzziness(w); fz > 0 {
			should = append(should, map[string]any{"multi_match": map[string]any{
				"query": w, "fields": loose, "fuzziness": fz, "prefix_length": 0, "boost": 0.6}})
		}
		if q.Text.Prefix && i == len(q.Text.Words)-1 {
			should = append(should, map[string]any{"multi_match": map[string]any{
				"query": w, "fields": loose, "type": "phrase_prefix", "boost": 0.8}})
		}
		must = append(must, map[string]any{"bool": map[string]any{"should": should, "minimum_should_match": 1}})
	}
	for _, p := range q.Text.Phrases {
		must = append(must, map[string]any{"multi_match": map[string]any{"query": p, "fields": fields, "type": "phrase", "boost": 2}})
	}
	if len(must) == 0 {
		must = append(must, map[string]any{"match_all": map[string]any{}})
	}
	body := map[string]any{
		"query":            map[string]any{"bool": map[string]any{"must": must, "filter": filter}},
		"from":             q.Offset,
		"size":             q.Limit,
		"track_total_hits": true,
		"_source":          []string{"raw"},
		"aggs":             map[string]any{},
	}
	if q.Text.Empty() {
		body["sort"] = []any{map[string]any{"updatedAt": "desc"}, map[string]any{"_id": "asc"}}
	} else {
		body["sort"] = []any{"_score", map[string]any{"updatedAt": "desc"}, map[string]any{"_id": "asc"}}
		hl := map[string]any{}
		for _, name := range highlighted {
			hl[name] = map[string]any{}
		}
		body["highlight"] = map[string]any{"pre_tags": []string{"<mark>"}, "post_tags": []string{"</mark>"}, "encoder": "html", "fields": hl}
	}
	aggs := body["aggs"].(map[string]any)
	for _, name := range q.Facets {
		aggs[name] = map[string]any{"terms": map[string]any{"field": facetFields[name], "size": facetSize}}
	}
	return body
}

func terms(field string, values []string) map[string]any {
	return map[string]any{"terms": map[string]any{field: values}}
}

func trimFloat(f float64) string {
	raw, _ := json.Marshal(f)
	return string(raw)
}

// elasticAnswer is the part of a _search answer the service reads.
type elasticAnswer struct {
	Hits struct {
		Total struct {
			Value uint64 `json:"value"`
		} `json:"total"`
		Hits []struct {
			ID        string               `json:"_id"`
			Score     *float64             `json:"_score"`
			Source    struct{ Raw string } `json:"_source"`
			Highlight map[string][]string  `json:"highlight"`
		} `json:"hits"`
	} `json:"hits"`
	Aggregations map[string]struct {
		Buckets []struct {
			Key      string `json:"key"`
			DocCount int    `json:"doc_count"`
		} `json:"buckets"`
	} `json:"aggregations"`
}

// Search implements app.Index.
func (e *Elastic) Search(ctx context.Context, q domain.Query) (domain.Result, error) {
	var ans elasticAnswer
	if _, err := e.call(ctx, http.MethodPost, "/"+e.alias+"/_search", ElasticQuery(q), &ans); err != nil {
		return domain.Result{}, err
	}
	out := domain.Result{Total: ans.Hits.Total.Value, Facets: map[string][]domain.FacetValue{}}
	for _, h := range ans.Hits.Hits {
		var d domain.Doc
		if err := json.Unmarshal([]byte(h.Source.Raw), &d); err != nil {
			continue
		}
		hit := domain.Hit{Doc: d, Highlights: h.Highlight}
		if h.Score != nil {
			hit.Score = *h.Score
		}
		out.Hits = append(out.Hits, hit)
	}
	for name, a := range ans.Aggregations {
		values := []domain.FacetValue{}
		for _, b := range a.Buckets {
			values = append(values, domain.FacetValue{Value: b.Key, Count: b.DocCount})
		}
		out.Facets[name] = values
	}
	return out, nil
}
