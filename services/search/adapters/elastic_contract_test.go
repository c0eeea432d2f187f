package adapters_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/search/adapters"
	"github.com/taskrocket/taskrocket/services/search/app"
	"github.com/taskrocket/taskrocket/services/search/domain"
)

// contractServer answers the Elasticsearch 8 REST calls the adapter
// makes with the request and response bodies, status codes and headers
// ES 8 documents (X-Elastic-Product on every answer, which the client
// checks). It keeps documents and aliases in memory and evaluates a
// search's filter on projectId and kind only: it proves what the adapter
// sends and that it reads real answers, not how Elasticsearch ranks.
type contractServer struct {
	mu        sync.Mutex
	templates map[string]map[string]any
	indexes   map[string]map[string]map[string]any // index -> id -> source
	aliases   map[string]string                    // alias -> index
	searches  []map[string]any
	bulks     []string // refresh policy of each _bulk that was answered 200
	aliasOps  [][]any
	reject    int // answer this many requests 429 first
	requests  int
}

func newContractServer(t *testing.T) (*contractServer, *httptest.Server) {
	cs := &contractServer{templates: map[string]map[string]any{}, indexes: map[string]map[string]map[string]any{}, aliases: map[string]string{}}
	srv := httptest.NewServer(http.HandlerFunc(cs.serve))
	t.Cleanup(srv.Close)
	return cs, srv
}

func (cs *contractServer) answer(w http.ResponseWriter, status int, body any) {
	w.Header().Set("X-Elastic-Product", "Elasticsearch")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func esError(typ, reason string, status int) map[string]any {
	return map[string]any{"error": map[string]any{"root_cause": []any{map[string]any{"type": typ, "reason": reason}}, "type": typ, "reason": reason}, "status": status}
}

func (cs *contractServer) resolve(name string) string {
	if idx, ok := cs.aliases[name]; ok {
		return idx
	}
	return name
}

func (cs *contractServer) serve(w http.ResponseWriter, r *http.Request) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.requests++
	body, _ := io.ReadAll(r.Body)
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if cs.reject > 0 && strings.HasSuffix(r.URL.Path, "/_bulk") {
		cs.reject--
		cs.answer(w, http.StatusTooManyRequests, esError("es_rejected_execution_exception", "rejected execution of coordinating operation", 429))
		return
	}
	var obj map[string]any
	_ = json.Unmarshal(body, &obj)
	switch {
	case r.Method == http.MethodPut && parts[0] == "_index_template":
		cs.templates[parts[1]] = obj
		cs.answer(w, 200, map[string]any{"acknowledged": true})
	case r.Method == http.MethodGet && parts[0] == "_alias":
		idx, ok := cs.aliases[parts[1]]
		if !ok {
			cs.answer(w, 404, map[string]any{"error": "alias [" + parts[1] + "] missing", "status": 404})
			return
		}
		cs.answer(w, 200, map[string]any{idx: map[string]any{"aliases": map[string]any{parts[1]: map[string]any{}}}})
	case r.Method == http.MethodPost && parts[0] == "_aliases":
		actions, _ := obj["actions"].([]any)
		cs.aliasOps = append(cs.aliasOps, actions)
		for _, a := range actions {
			if add, ok := a.(map[string]any)["add"].(map[string]any); ok {
				cs.aliases[add["alias"].(string)] = add["index"].(string)
			}
		}
		cs.answer(w, 200, map[string]any{"acknowledged": true, "errors": false})
	case r.Method == http.MethodPut && len(parts) == 1:
		if _, ok := cs.indexes[parts[0]]; ok {
			cs.answer(w, 400, esError("resource_already_exists_exception", "index ["+parts[0]+"] already exists", 400))
			return
		}
		cs.indexes[parts[0]] = map[string]map[string]any{}
		if aliases, ok := obj["aliases"].(map[string]any); ok {
			for a := range aliases {
				cs.aliases[a] = parts[0]
			}
		}
		cs.answer(w, 200, map[string]any{"acknowledged": true, "shards_acknowledged": true, "index": parts[0]})
	case r.Method == http.MethodDelete && len(parts) == 1:
		for _, name := range strings.Split(parts[0], ",") {
			delete(cs.indexes, name)
		}
		cs.answer(w, 200, map[string]any{"acknowledged": true})
	case r.Method == http.MethodPost && len(parts) == 2 && parts[1] == "_refresh":
		cs.answer(w, 200, map[string]any{"_shards": map[string]any{"total": 1, "successful": 1, "failed": 0}})
	case r.Method == http.MethodPost && len(parts) == 2 && parts[1] == "_bulk":
		if !strings.Contains(r.Header.Get("Content-Type"), "x-ndjson") {
			cs.answer(w, 406, esError("media_type_header_exception", "Content-Type is not application/x-ndjson", 406))
			return
		}
		cs.bulk(w, cs.resolve(parts[0]), body, r.URL.Query().Get("refresh"))
	case r.Method == http.MethodGet && len(parts) == 3 && parts[1] == "_doc":
		idx := cs.resolve(parts[0])
		src, ok := cs.indexes[idx][parts[2]]
		if !ok {
			cs.answer(w, 404, map[string]any{"_index": idx, "_id": parts[2], "found": false})
			return
		}
		cs.answer(w, 200, map[string]any{"_index": idx, "_id": parts[2], "_version": 1, "_seq_no": 0, "_primary_term": 1, "found": true, "_source": src})
	case r.Method == http.MethodPost && len(parts) == 2 && parts[1] == "_search":
		cs.searches = append(cs.searches, obj)
		cs.search(w, cs.resolve(parts[0]), obj)
	default:
		cs.answer(w, 400, esError("illegal_argument_exception", "no handler for "+r.Method+" "+r.URL.Path, 400))
	}
}

func (cs *contractServer) bulk(w http.ResponseWriter, idx string, body []byte, refresh string) {
	docs, ok := cs.indexes[idx]
	if !ok {
		cs.answer(w, 404, esError("index_not_found_exception", "no such index ["+idx+"]", 404))
		return
	}
	var items []any
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var action map[string]map[string]any
		if err := json.Unmarshal(sc.Bytes(), &action); err != nil {
			cs.answer(w, 400, esError("x_content_parse_exception", "malformed action", 400))
			return
		}
		for op, meta := range action {
			id := meta["_id"].(string)
			switch op {
			case "index":
				sc.Scan()
				var src map[string]any
				_ = json.Unmarshal(sc.Bytes(), &src)
				_, existed := docs[id]
				docs[id] = src
				result, status := "created", 201
				if existed {
					result, status = "updated", 200
				}
				items = append(items, map[string]any{"index": map[string]any{"_index": idx, "_id": id, "_version": 1, "result": result, "status": status}})
			case "delete":
				_, existed := docs[id]
				delete(docs, id)
				result, status := "deleted", 200
				if !existed {
					result, status = "not_found", 404
				}
				items = append(items, map[string]any{"delete": map[string]any{"_index": idx, "_id": id, "_version": 1, "result": result, "status": status}})
			}
		}
	}
	cs.bulks = append(cs.bulks, refresh)
	cs.answer(w, 200, map[string]any{"took": 3, "errors": false, "items": items})
}

// search applies the query's filter clauses on projectId and kind (terms
// and term), returns the matches with a highlight of the title and
// counts the aggregations' fields.
func (cs *contractServer) search(w http.ResponseWriter, idx string, q map[string]any) {
	filter := q["query"].(map[string]any)["bool"].(map[string]any)["filter"].([]any)
	var hits []any
	counts := map[string]map[string]int{}
	for id, src := range cs.indexes[idx] {
		if !matches(src, filter) {
			continue
		}
		hits = append(hits, map[string]any{"_index": idx, "_id": id, "_score": 1.5,
			"_source":   map[string]any{"raw": src["raw"]},
			"highlight": map[string]any{"title": []string{"<mark>" + src["title"].(string) + "</mark>"}}})
		for name, a := range q["aggs"].(map[string]any) {
			field := a.(map[string]any)["terms"].(map[string]any)["field"].(string)
			if counts[name] == nil {
				counts[name] = map[string]int{}
			}
			switch v := src[field].(type) {
			case string:
				counts[name][v]++
			case []any:
				for _, x := range v {
					counts[name][x.(string)]++
				}
			}
		}
	}
	aggs := map[string]any{}
	for name := range q["aggs"].(map[string]any) {
		var buckets []any
		for k, n := range counts[name] {
			buckets = append(buckets, map[string]any{"key": k, "doc_count": n})
		}
		aggs[name] = map[string]any{"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0, "buckets": buckets}
	}
	cs.answer(w, 200, map[string]any{
		"took": 2, "timed_out": false, "_shards": map[string]any{"total": 1, "successful": 1, "skipped": 0, "failed": 0},
		"hits":         map[string]any{"total": map[string]any{"value": len(hits), "relation": "eq"}, "max_score": 1.5, "hits": hits},
		"aggregations": aggs,
	})
}

func matches(src map[string]any, filter []any) bool {
	for _, f := range filter {
		fm := f.(map[string]any)
		if t, ok := fm["terms"].(map[string]any); ok {
			for field, vs := range t {
				if field != "projectId" && field != "kind" {
					continue
				}
				found := false
				for _, v := range vs.([]any) {
					found = found || src[field] == v
				}
				if !found {
					return false
				}
			}
		}
		if t, ok := fm["term"].(map[string]any); ok {
			for field, v := range t {
				if src[field] != v {
					return false
				}
			}
		}
	}
	return true
}

func openElastic(t *testing.T, cs *contractServer, url string) *adapters.Elastic {
	t.Helper()
	es, err := adapters.NewElasticClient(adapters.ElasticConfig{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	e, err := adapters.OpenElastic(context.Background(), es, "tr-search")
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestElasticAgainstTheContractServer(t *testing.T) {
	ctx := context.Background()
	cs, srv := newContractServer(t)
	e := openElastic(t, cs, srv.URL)

	tpl := cs.templates["tr-search"]
	raw, _ := json.Marshal(tpl)
	for _, want := range []string{`"index_patterns":["tr-search-*"]`, `"letters_digits"`, `"pattern":"[^\\p{L}\\p{N}]+"`, `"dynamic":"strict"`} {
		if !strings.Contains(string(raw), want) {
			t.Fatalf("template lacks %s: %s", want, raw)
		}
	}
	first := cs.aliases["tr-search"]
	if !strings.HasPrefix(first, "tr-search-") {
		t.Fatalf("alias points at %q", first)
	}

	due := time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC)
	docs := []domain.Doc{
		{ID: "t1", Kind: domain.DocTask, ProjectID: "p1", Title: "Ship the landing page", Status: "todo", TagIDs: []string{"g1"}, DueAt: &due},
		{ID: "t2", Kind: domain.DocTask, ProjectID: "p2", Title: "Secret budget", Status: "done", AssigneeIDs: []string{"u9"}},
		{ID: "p1", Kind: domain.DocProject, ProjectID: "p1", Title: "Website"},
	}
	// Two rejections (429) are retried with backoff; the third attempt lands.
	cs.reject = 2
	if err := e.Apply(ctx, app.Batch{Docs: docs, Delete: []string{"gone"}, Seq: 7}); err != nil {
		t.Fatal(err)
	}
	if cs.reject != 0 || !slices.Equal(cs.bulks, []string{"wait_for"}) {
		t.Fatalf("bulk refresh policies %v, rejections left %d", cs.bulks, cs.reject)
	}
	if seq, err := e.Seq(ctx); err != nil || seq != 7 {
		t.Fatalf("seq %d %v", seq, err)
	}

	text, _ := domain.ParseText("landng pa")
	res, err := e.Search(ctx, domain.Query{Text: text, Scope: []string{"p1"}, Limit: 20, Facets: domain.Facets})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.Doc.ID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"p1", "t1"}) || res.Total != 2 {
		t.Fatalf("search within p1 found %v (%d)", ids, res.Total)
	}
	for _, v := range res.Facets["project"] {
		if v.Value != "p1" {
			t.Fatalf("facet counts reach outside the scope: %v", res.Facets)
		}
	}
	if h := res.Hits[0].Highlights["title"]; len(h) != 1 || !strings.HasPrefix(h[0], "<mark>") {
		t.Fatalf("highlight %v", res.Hits[0].Highlights)
	}
	sent, _ := json.Marshal(cs.searches[0])
	for _, want := range []string{`"encoder":"html"`, `"fuzziness":1`, `"type":"phrase_prefix"`, `{"terms":{"projectId":["p1"]}}`, `"track_total_hits":true`} {
		if !strings.Contains(string(sent), want) {
			t.Fatalf("search body lacks %s: %s", want, sent)
		}
	}

	// A rebuild fills a new generation without waiting for refreshes, then
	// the alias moves to it in one _aliases call and the old one is dropped.
	next, err := e.Fresh(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := next.Apply(ctx, app.Batch{Docs: docs[:1], Seq: 1}); err != nil {
		t.Fatal(err)
	}
	if cs.bulks[len(cs.bulks)-1] != "false" {
		t.Fatalf("a rebuild's bulk waited for a refresh: %v", cs.bulks)
	}
	old, err := next.Promote(ctx)
	if err != nil || !slices.Equal(old, []string{first}) {
		t.Fatalf("promote: %v %v", old, err)
	}
	if ops := cs.aliasOps[len(cs.aliasOps)-1]; len(ops) != 2 {
		t.Fatalf("alias swap not atomic: %v", ops)
	}
	if err := next.Drop(ctx, old...); err != nil {
		t.Fatal(err)
	}
	if _, ok := cs.indexes[first]; ok {
		t.Fatal("the old generation was not dropped")
	}
	res, err = next.Search(ctx, domain.Query{Text: text, Scope: []string{"p1", "p2"}, Limit: 20})
	if err != nil || res.Total != 1 {
		t.Fatalf("after the swap: %+v %v", res, err)
	}
}

// A server that is not Elasticsearch (no X-Elastic-Product) is refused.
func TestElasticRefusesAnotherProduct(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"acknowledged":true}`))
	}))
	defer srv.Close()
	es, err := adapters.NewElasticClient(adapters.ElasticConfig{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := adapters.OpenElastic(context.Background(), es, "x"); err == nil {
		t.Fatal("a server without X-Elastic-Product was accepted")
	}
}

// With Elasticsearch, a generation is a catalog folder and an index; the
// commit of a rebuild moves the alias and drops the index it replaced.
func TestElasticGenerations(t *testing.T) {
	cs, srv := newContractServer(t)
	g := &adapters.Generations{Dir: t.TempDir(), NoSync: true, Elastic: openElastic(t, cs, srv.URL)}
	defer g.Close()
	first := cs.aliases["tr-search"]
	live, err := g.Current()
	if err != nil {
		t.Fatal(err)
	}
	gen, err := g.Fresh()
	if err != nil {
		t.Fatal(err)
	}
	doc := domain.Doc{ID: "t1", Kind: domain.DocTask, ProjectID: "p1", Title: "Rebuilt"}
	if err := gen.Store.Index.Apply(context.Background(), app.Batch{Docs: []domain.Doc{doc}, Seq: 1}); err != nil {
		t.Fatal(err)
	}
	if err := gen.Commit(); err != nil {
		t.Fatal(err)
	}
	g.Retire(live)
	now := cs.aliases["tr-search"]
	if now == first || len(cs.indexes) != 1 || cs.indexes[now]["t1"] == nil {
		t.Fatalf("alias %s (was %s), indexes %v", now, first, cs.indexes)
	}
}
