// Package app is the search service's use cases: applying other contexts'
// events to what it holds and to the index, and answering searches within
// the caller's projects.
package app

import (
	"context"
	"log/slog"
	"sync"

	"github.com/taskrocket/taskrocket/services/search/domain"
)

// Catalog holds the records the documents are made from, with their
// source versions (adapters: a bbolt file beside the index).
type Catalog interface {
	// Update runs fn in one transaction, committed when fn returns nil.
	Update(ctx context.Context, fn func(Tx) error) error
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(Tx) error) error
}

// Tx reads and writes JSON records by key.
type Tx interface {
	Get(key string, dst any) (bool, error)
	Put(key string, v any) error
	Delete(key string) error
	// Scan calls fn for every key with prefix, in key order.
	Scan(prefix string, fn func(key string, raw []byte) error) error
}

// Index is a search engine holding the documents (Bleve or Elasticsearch).
type Index interface {
	// Apply writes the batch's documents and deletions; when it returns,
	// they are searchable. The index keeps the batch's Seq with them.
	Apply(ctx context.Context, b Batch) error
	// Seq is the Seq of the last batch the index holds durably: after a
	// crash it may be behind the catalog's, and Recover renders again.
	Seq(ctx context.Context) (uint64, error)
	Search(ctx context.Context, q domain.Query) (domain.Result, error)
}

// Batch is one change of the index. Seq numbers the catalog's changes.
type Batch struct {
	Docs   []domain.Doc
	Delete []string
	Seq    uint64
}

// Members lists the projects a user belongs to, asked at the time of the
// query (ErrProjectsUnavailable when that cannot be answered).
type Members interface {
	UserProjects(ctx context.Context, userID string) ([]string, error)
}

// Store is a catalog and the index made from it.
type Store struct {
	Catalog Catalog
	Index   Index
}

// App is the search service.
type App struct {
	members Members
	log     *slog.Logger

	// mu serialises changes: each reads records, writes them and the
	// documents made from them, and two at once could write an older
	// rendering last. It also guards live and rebuild.
	mu   sync.Mutex
	live Store
	// rebuild is the store a rebuild fills while live serves; every
	// event is applied to both until it replaces live.
	rebuild *Store
	source  Source
	fresh   func() (Generation, error)
	retire  func(Store)
}

// Deps are the App's dependencies.
type Deps struct {
	Catalog Catalog
	Index   Index
	Members Members
	Log     *slog.Logger
	// Rebuilds (optional): the owning services, a fresh generation, and
	// what to do with the store a rebuild replaced (close and remove it).
	Source Source
	Fresh  func() (Generation, error)
	Retire func(Store)
}

// New returns the App.
func New(d Deps) *App {
	return &App{live: Store{Catalog: d.Catalog, Index: d.Index}, members: d.Members, log: d.Log,
		source: d.Source, fresh: d.Fresh, retire: d.Retire}
}

// index is the index queries are answered from.
func (a *App) index() Index {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.live.Index
}
