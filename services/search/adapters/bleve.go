package adapters

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/regexp"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/taskrocket/taskrocket/services/search/app"
	"github.com/taskrocket/taskrocket/services/search/domain"
)

// Bleve is the embedded index: a Bleve index on disk. Only one process
// may hold it open, so it serves a single instance of the service.
type Bleve struct {
	idx bleve.Index
}

var _ app.Index = (*Bleve)(nil)

// textAnalyzer splits text into runs of letters and digits, lower-cased:
// the same words domain.ParseText finds in a query.
const textAnalyzer = "words"

// OpenBleve opens the index at dir, creating it when absent (see Apply
// for unsafe_batch).
func OpenBleve(dir string) (*Bleve, error) {
	idx, err := bleve.OpenUsing(dir, map[string]any{"unsafe_batch": true})
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		m, merr := indexMapping()
		if merr != nil {
			return nil, merr
		}
		idx, err = bleve.NewUsing(dir, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, map[string]any{"unsafe_batch": true})
	}
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	return &Bleve{idx: idx}, nil
}

// RemoveBleve deletes the index at dir (for a rebuild).
func RemoveBleve(dir string) error { return os.RemoveAll(dir) }

// Close closes the index.
func (b *Bleve) Close() error { return b.idx.Close() }

func indexMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := m.AddCustomTokenizer("letters-digits", map[string]any{
		"type": regexp.Name, "regexp": `[\p{L}\p{N}]+`,
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(textAnalyzer, map[string]any{
		"type": custom.Name, "tokenizer": "letters-digits", "token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	m.DefaultAnalyzer = textAnalyzer
	doc := bleve.NewDocumentStaticMapping()
	text := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer, f.Store, f.IncludeTermVectors, f.DocValues, f.IncludeInAll = textAnalyzer, store, true, false, false
		return f
	}
	for _, name := range textFields {
		doc.AddFieldMappingsAt(name.name, text(true))
	}
	for _, name := range []string{"kind", "projectId", "status", "priority", "assigneeIds", "tagIds", "categoryId"} {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer, f.IncludeTermVectors, f.IncludeInAll = keyword.Name, false, false
		doc.AddFieldMappingsAt(name, f)
	}
	for _, name := range []string{"dueAt", "updatedAt"} {
		f := bleve.NewDateTimeFieldMapping()
		f.IncludeInAll = false
		doc.AddFieldMappingsAt(name, f)
	}
	raw := bleve.NewTextFieldMapping()
	raw.Index, raw.Store, raw.IncludeTermVectors, raw.IncludeInAll, raw.DocValues = false, true, false, false, false
	doc.AddFieldMappingsAt("raw", raw)
	m.DefaultMapping = doc
	m.StoreDynamic, m.IndexDynamic, m.DocValuesDynamic = false, false, false
	return m, nil
}

// textFields are the searched fields and their weight: a match in the
// title counts most, then tags and categories, the project, the
// description and assignees, and comments least.
//
// Typos and unfinished words are matched in the short fields only (loose):
// in long text (description, comments) they would expand to many words
// and cost most of a query's time; there a word matches as written.
var textFields = []struct {
	name  string
	boost float64
	loose bool
}{
	{"title", 8, true}, {"labels", 4, true}, {"projectName", 2, true}, {"projectKey", 2, true},
	{"description", 2, false}, {"assignees", 1.5, true}, {"comments", 1, false},
}

// bleveDoc is what Bleve indexes of a document; raw is the document as
// results show it (without the comments, which only snippets show).
type bleveDoc struct {
	Kind        string     `json:"kind"`
	ProjectID   string     `json:"projectId"`
	Status      string     `json:"status,omitempty"`
	Priority    string     `json:"priority,omitempty"`
	AssigneeIDs []string   `json:"assigneeIds,omitempty"`
	TagIDs      []string   `json:"tagIds,omitempty"`
	CategoryID  string     `json:"categoryId,omitempty"`
	DueAt       *time.Time `json:"dueAt,omitempty"`
	UpdatedAt   time.Time  `json:"updatedAt"`
	Title       string     `json:"title"`
	Labels      []string   `json:"labels,omitempty"`
	ProjectName string     `json:"projectName"`
	ProjectKey  string     `json:"projectKey"`
	Description string     `json:"description"`
	Assignees   []string   `json:"assignees,omitempty"`
	Comments    []string   `json:"comments,omitempty"`
	Raw         string     `json:"raw"`
}

func toBleve(d domain.Doc) (bleveDoc, error) {
	shown := d
	shown.Comments = nil
	raw, err := json.Marshal(shown)
	if err != nil {
		return bleveDoc{}, err
	}
	return bleveDoc{
		Kind: d.Kind, ProjectID: d.ProjectID, Status: d.Status, Priority: d.Priority,
		AssigneeIDs: d.AssigneeIDs, TagIDs: d.TagIDs, CategoryID: d.CategoryID,
		DueAt: d.DueAt, UpdatedAt: d.UpdatedAt, Title: d.Title, Labels: d.Labels,
		ProjectName: d.ProjectName, ProjectKey: d.ProjectKey, Description: d.Description,
		Assignees: d.Assignees, Comments: d.Comments, Raw: string(raw),
	}, nil
}

// seqKey is the internal key of the last batch's Seq.
var seqKey = []byte("seq")

// Apply implements app.Index: one batch, searchable when it returns. The
// index is opened with unsafe_batch: a batch is acknowledged once it is
// searchable, and written to disk moments later (waiting for the disk
// made each event take about 20 ms); the Seq stored with it tells
// app.Recover after a crash that the index is behind the catalog.
func (b *Bleve) Apply(ctx context.Context, ab app.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	batch := b.idx.NewBatch()
	for _, id := range ab.Delete {
		batch.Delete(id)
	}
	batch.SetInternal(seqKey, []byte(strconv.FormatUint(ab.Seq, 10)))
	for _, d := range ab.Docs {
		bd, err := toBleve(d)
		if err != nil {
			return err
		}
		if err := batch.Index(d.ID, bd); err != nil {
			return err
		}
	}
	return b.idx.Batch(batch)
}

// Seq implements app.Index.
func (b *Bleve) Seq(context.Context) (uint64, error) {
	raw, err := b.idx.GetInternal(seqKey)
	if err != nil || raw == nil {
		return 0, err
	}
	return strconv.ParseUint(string(raw), 10, 64)
}

// Count returns how many documents the index holds.
func (b *Bleve) Count() (uint64, error) { return b.idx.DocCount() }
