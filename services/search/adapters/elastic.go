package adapters

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/elastic/go-elasticsearch/v8"

	"github.com/taskrocket/taskrocket/services/search/app"
)

// Elastic is the index on Elasticsearch 8. Queries and writes go to an
// alias (Alias); each generation is an index of its own (Alias-<gen>),
// created from an index template (the analyzer and mappings), and a
// rebuild fills a new one and moves the alias in one _aliases call, so
// searches never see a half-built index.
type Elastic struct {
	es    *elasticsearch.Client
	alias string
	// index is the concrete index written to: the alias for the live
	// generation, a new index while a rebuild fills it.
	index string
	// refresh is the _bulk refresh policy: wait_for (a change is
	// searchable when Apply returns) live, false while a rebuild fills
	// a generation (refreshed once at the end).
	refresh string
}

var _ app.Index = (*Elastic)(nil)

// ElasticConfig configures the client.
type ElasticConfig struct {
	URL   string
	Alias string // default taskrocket-search
	// Transport (tests) replaces the HTTP transport.
	Transport http.RoundTripper
}

// NewElasticClient returns a client that retries 429 and 502-504 answers
// (and connection errors) up to five times with exponential backoff and
// jitter.
func NewElasticClient(cfg ElasticConfig) (*elasticsearch.Client, error) {
	return elasticsearch.NewClient(elasticsearch.Config{
		Addresses:     []string{cfg.URL},
		Transport:     cfg.Transport,
		RetryOnStatus: []int{http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout},
		MaxRetries:    5,
		RetryBackoff: func(attempt int) time.Duration {
			d := 50 * time.Millisecond << min(attempt, 6)
			return d/2 + rand.N(d/2+1)
		},
	})
}

// OpenElastic installs the index template and, when the alias does not
// exist yet, creates the first generation behind it.
func OpenElastic(ctx context.Context, es *elasticsearch.Client, alias string) (*Elastic, error) {
	if alias == "" {
		alias = "taskrocket-search"
	}
	e := &Elastic{es: es, alias: alias, index: alias, refresh: "wait_for"}
	if _, err := e.call(ctx, http.MethodPut, "/_index_template/"+alias, indexTemplate(alias), nil); err != nil {
		return nil, fmt.Errorf("index template: %w", err)
	}
	status, err := e.call(ctx, http.MethodGet, "/_alias/"+alias, nil, nil, http.StatusNotFound)
	if err != nil {
		return nil, err
	}
	if status == http.StatusNotFound {
		first := e.generationName()
		if _, err := e.call(ctx, http.MethodPut, "/"+first, map[string]any{
			"aliases": map[string]any{alias: map[string]any{"is_write_index": true}},
		}, nil); err != nil {
			return nil, fmt.Errorf("create %s: %w", first, err)
		}
	}
	return e, nil
}

func (e *Elastic) generationName() string {
	return e.alias + "-" + strconv.FormatInt(time.Now().UTC().UnixNano(), 10)
}

// indexTemplate is the template every generation is created from: the
// same words as domain.ParseText (runs of letters and digits, lower case),
// keywords for filters and facets, dates for ranges.
func indexTemplate(alias string) map[string]any {
	text := map[string]any{"type": "text", "analyzer": "words"}
	keyword := map[string]any{"type": "keyword"}
	props := map[string]any{
		"kind": keyword, "projectId": keyword, "status": keyword, "priority": keyword,
		"assigneeIds": keyword, "tagIds": keyword, "categoryId": keyword,
		"dueAt": map[string]any{"type": "date"}, "updatedAt": map[string]any{"type": "date"},
		"raw": map[string]any{"type": "keyword", "index": false, "doc_values": false},
		"seq": map[string]any{"type": "long"},
	}
	for _, f := range textFields {
		props[f.name] = text
	}
	return map[string]any{
		"index_patterns": []string{alias + "-*"},
		"template": map[string]any{
			"settings": map[string]any{
				"number_of_shards": 1,
				"analysis": map[string]any{
					"tokenizer": map[string]any{"letters_digits": map[string]any{"type": "pattern", "pattern": `[^\p{L}\p{N}]+`}},
					"analyzer":  map[string]any{"words": map[string]any{"type": "custom", "tokenizer": "letters_digits", "filter": []string{"lowercase"}}},
				},
			},
			"mappings": map[string]any{"dynamic": "strict", "properties": props},
		},
	}
}

// seqID is the document that holds the last batch's Seq (it has no
// projectId, so no query ever matches it).
const seqID = "_seq"

// Apply implements app.Index with one _bulk request.
func (e *Elastic) Apply(ctx context.Context, b app.Batch) error {
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	for _, id := range b.Delete {
		_ = enc.Encode(map[string]any{"delete": map[string]any{"_id": id}})
	}
	for _, d := range b.Docs {
		bd, err := toBleve(d) // the same fields as the embedded index
		if err != nil {
			return err
		}
		_ = enc.Encode(map[string]any{"index": map[string]any{"_id": d.ID}})
		if err := enc.Encode(bd); err != nil {
			return err
		}
	}
	_ = enc.Encode(map[string]any{"index": map[string]any{"_id": seqID}})
	_ = enc.Encode(map[string]any{"kind": "meta", "seq": b.Seq})
	res, err := e.es.Bulk(bytes.NewReader(body.Bytes()), e.es.Bulk.WithContext(ctx),
		e.es.Bulk.WithIndex(e.index), e.es.Bulk.WithRefresh(e.refresh),
		e.es.Bulk.WithHeader(map[string]string{"Content-Type": "application/x-ndjson"}))
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.IsError() {
		return fmt.Errorf("elasticsearch _bulk: %s: %.300s", res.Status(), raw)
	}
	var out struct {
		Errors bool `json:"errors"`
		Items  []map[string]struct {
			Status int             `json:"status"`
			Error  json.RawMessage `json:"error"`
		} `json:"items"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return fmt.Errorf("elasticsearch _bulk answer: %w", err)
	}
	if out.Errors {
		for _, it := range out.Items {
			for op, r := range it {
				// Deleting what is not there is no failure.
				if r.Status >= 300 && !(op == "delete" && r.Status == http.StatusNotFound) {
					return fmt.Errorf("elasticsearch _bulk %s: %d %s", op, r.Status, r.Error)
				}
			}
		}
	}
	return nil
}

// Seq implements app.Index.
func (e *Elastic) Seq(ctx context.Context) (uint64, error) {
	var doc struct {
		Found  bool `json:"found"`
		Source struct {
			Seq uint64 `json:"seq"`
		} `json:"_source"`
	}
	status, err := e.call(ctx, http.MethodGet, "/"+e.index+"/_doc/"+seqID, nil, &doc, http.StatusNotFound)
	if err != nil || status == http.StatusNotFound {
		return 0, err
	}
	return doc.Source.Seq, nil
}

// Fresh returns an empty generation index for a rebuild, written without
// waiting for refreshes.
func (e *Elastic) Fresh(ctx context.Context) (*Elastic, error) {
	name := e.generationName()
	if _, err := e.call(ctx, http.MethodPut, "/"+name, map[string]any{}, nil); err != nil {
		return nil, fmt.Errorf("create %s: %w", name, err)
	}
	return &Elastic{es: e.es, alias: e.alias, index: name, refresh: "false"}, nil
}

// Promote refreshes a filled generation and moves the alias to it in one
// atomic _aliases call; the generations it leaves are returned (to delete).
func (e *Elastic) Promote(ctx context.Context) ([]string, error) {
	if _, err := e.call(ctx, http.MethodPost, "/"+e.index+"/_refresh", nil, nil); err != nil {
		return nil, err
	}
	var current map[string]any
	if _, err := e.call(ctx, http.MethodGet, "/_alias/"+e.alias, nil, &current); err != nil {
		return nil, err
	}
	actions := []any{map[string]any{"add": map[string]any{"index": e.index, "alias": e.alias, "is_write_index": true}}}
	var old []string
	for name := range current {
		if name != e.index {
			old = append(old, name)
			actions = append(actions, map[string]any{"remove": map[string]any{"index": name, "alias": e.alias}})
		}
	}
	if _, err := e.call(ctx, http.MethodPost, "/_aliases", map[string]any{"actions": actions}, nil); err != nil {
		return nil, err
	}
	e.index, e.refresh = e.alias, "wait_for"
	return old, nil
}

// Drop deletes generation indexes.
func (e *Elastic) Drop(ctx context.Context, names ...string) error {
	if len(names) == 0 {
		return nil
	}
	_, err := e.call(ctx, http.MethodDelete, "/"+strings.Join(names, ","), nil, nil, http.StatusNotFound)
	return err
}

// call performs one request through the client (its retries and product
// check), decodes a JSON answer into out and returns the status; a status
// other than 2xx and the accepted ones is an error.
func (e *Elastic) call(ctx context.Context, method, path string, body, out any, accept ...int) (int, error) {
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, path, rd)
	if err != nil {
		return 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := e.es.Perform(req)
	if err != nil {
		return 0, fmt.Errorf("elasticsearch %s %s: %w", method, path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(res.Body, 16<<20))
	ok := res.StatusCode >= 200 && res.StatusCode < 300
	for _, a := range accept {
		if res.StatusCode == a {
			return res.StatusCode, nil
		}
	}
	if !ok {
		return res.StatusCode, fmt.Errorf("elasticsearch %s %s: HTTP %d: %.300s", method, path, res.StatusCode, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return res.StatusCode, fmt.Errorf("elasticsearch %s %s: %w", method, path, err)
		}
	}
	return res.StatusCode, nil
}
