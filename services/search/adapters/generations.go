package adapters

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/taskrocket/taskrocket/services/search/app"
)

// Generations keeps each build of the catalog and index in a folder of
// its own under Dir (gen-<time>), and the file CURRENT names the one the
// service opens: a rebuild fills a new folder while the current one
// serves, then CURRENT is replaced (an atomic rename), the same swap an
// Elasticsearch alias gives.
type Generations struct {
	Dir string
	// NoSync leaves syncing the catalog to the system (tests).
	NoSync bool
	// Elastic, when set, holds the documents instead of a Bleve index in
	// the folder: its generations are indexes behind its alias.
	Elastic *Elastic

	mu   sync.Mutex
	open map[app.Index]opened
}

type opened struct {
	dir     string
	catalog *Catalog
	index   app.Index
	bleve   *Bleve   // nil with Elasticsearch
	elastic *Elastic // nil with Bleve
}

const currentFile = "CURRENT"

func (g *Generations) remember(o opened) app.Store {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.open == nil {
		g.open = map[app.Index]opened{}
	}
	g.open[o.index] = o
	return app.Store{Catalog: o.catalog, Index: o.index}
}

// openGeneration opens the catalog in dir and its index: the Bleve index
// beside it, or es (the alias, or a fresh Elasticsearch index).
func openGeneration(dir string, noSync bool, es *Elastic) (opened, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return opened{}, err
	}
	c, err := OpenCatalog(filepath.Join(dir, "catalog.db"), noSync)
	if err != nil {
		return opened{}, err
	}
	if es != nil {
		return opened{dir: dir, catalog: c, index: es, elastic: es}, nil
	}
	b, err := OpenBleve(filepath.Join(dir, "index.bleve"))
	if err != nil {
		c.Close()
		return opened{}, err
	}
	return opened{dir: dir, catalog: c, index: b, bleve: b}, nil
}

func (o opened) close() {
	if o.bleve != nil {
		o.bleve.Close()
	}
	o.catalog.Close()
}

// Current opens the generation CURRENT names, or a first one.
func (g *Generations) Current() (app.Store, error) {
	if err := os.MkdirAll(g.Dir, 0o755); err != nil {
		return app.Store{}, err
	}
	raw, err := os.ReadFile(filepath.Join(g.Dir, currentFile))
	name := strings.TrimSpace(string(raw))
	if errors.Is(err, os.ErrNotExist) || name == "" {
		name = newName()
		if err := g.point(name); err != nil {
			return app.Store{}, err
		}
	} else if err != nil {
		return app.Store{}, err
	}
	o, err := openGeneration(filepath.Join(g.Dir, name), g.NoSync, g.Elastic)
	if err != nil {
		return app.Store{}, err
	}
	return g.remember(o), nil
}

func newName() string { return "gen-" + time.Now().UTC().Format("20060102T150405.000000000") }

// point makes name the current generation.
func (g *Generations) point(name string) error {
	tmp := filepath.Join(g.Dir, currentFile+".tmp")
	if err := os.WriteFile(tmp, []byte(name+"\n"), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(g.Dir, currentFile))
}

// Fresh implements the App's rebuild: an empty generation, filled without
// a disk sync per change; Commit syncs it, makes later changes durable
// again and points CURRENT at it.
func (g *Generations) Fresh() (app.Generation, error) {
	name := newName()
	var es *Elastic
	if g.Elastic != nil {
		var err error
		if es, err = g.Elastic.Fresh(context.Background()); err != nil {
			return app.Generation{}, err
		}
	}
	o, err := openGeneration(filepath.Join(g.Dir, name), true, es)
	if err != nil {
		return app.Generation{}, err
	}
	return app.Generation{
		Store: g.remember(o),
		Commit: func() error {
			if es != nil {
				old, err := es.Promote(context.Background())
				if err != nil {
					return err
				}
				if err := es.Drop(context.Background(), old...); err != nil {
					return err
				}
			}
			if g.NoSync {
				return g.point(name)
			}
			if err := o.catalog.Durable(); err != nil {
				return fmt.Errorf("sync the rebuilt catalog: %w", err)
			}
			return g.point(name)
		},
		Discard: func() { g.Retire(app.Store{Index: o.index}) },
	}, nil
}

// Retire closes a generation a rebuild replaced and removes its folder.
func (g *Generations) Retire(s app.Store) {
	g.mu.Lock()
	o, ok := g.open[s.Index]
	delete(g.open, s.Index)
	g.mu.Unlock()
	if !ok {
		return
	}
	o.close()
	if o.elastic != nil && o.elastic.index != o.elastic.alias {
		_ = o.elastic.Drop(context.Background(), o.elastic.index) // a discarded rebuild
	}
	os.RemoveAll(o.dir)
}

// Close closes every open generation.
func (g *Generations) Close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for k, o := range g.open {
		o.close()
		delete(g.open, k)
	}
}
