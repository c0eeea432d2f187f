// Package adapters connects the search service to its storage: the
// catalog of records (a bbolt file), the Bleve and Elasticsearch indexes,
// and the other services it asks.
package adapters

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/taskrocket/taskrocket/services/search/app"
)

var recordsBucket = []byte("records")

// Catalog is the records the documents are made from, in a bbolt file.
type Catalog struct {
	db *bolt.DB
}

var _ app.Catalog = (*Catalog)(nil)

// OpenCatalog opens (or creates) the catalog at path. Each change is
// synced to disk before the event is acknowledged, unless noSync (tests,
// and a rebuild, which syncs once at its end).
func OpenCatalog(path string, noSync bool) (*Catalog, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second, NoSync: noSync, NoFreelistSync: true})
	if err != nil {
		return nil, fmt.Errorf("open catalog %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(recordsBucket)
		return err
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return &Catalog{db: db}, nil
}

// Durable syncs what was written without a sync and makes every later
// change synced before it returns.
func (c *Catalog) Durable() error {
	if err := c.db.Sync(); err != nil {
		return err
	}
	c.db.NoSync = false
	return nil
}

// Close closes the file.
func (c *Catalog) Close() error { return c.db.Close() }

// Update implements app.Catalog.
func (c *Catalog) Update(ctx context.Context, fn func(app.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return c.db.Update(func(tx *bolt.Tx) error { return fn(boltTx{tx.Bucket(recordsBucket)}) })
}

// View implements app.Catalog.
func (c *Catalog) View(ctx context.Context, fn func(app.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return c.db.View(func(tx *bolt.Tx) error { return fn(boltTx{tx.Bucket(recordsBucket)}) })
}

type boltTx struct{ b *bolt.Bucket }

func (t boltTx) Get(key string, dst any) (bool, error) {
	raw := t.b.Get([]byte(key))
	if raw == nil {
		return false, nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return false, fmt.Errorf("catalog %s: %w", key, err)
	}
	return true, nil
}

func (t boltTx) Put(key string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return t.b.Put([]byte(key), raw)
}

func (t boltTx) Delete(key string) error { return t.b.Delete([]byte(key)) }

func (t boltTx) Scan(prefix string, fn func(key string, raw []byte) error) error {
	cur := t.b.Cursor()
	p := []byte(prefix)
	for k, v := cur.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = cur.Next() {
		if err := fn(string(k), v); err != nil {
			return err
		}
	}
	return nil
}
