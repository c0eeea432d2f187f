// Package statekv is a service's door to a Dapr state store used as a
// key-value store of JSON documents with optimistic concurrency. It relies
// on what every state store offers (get, bulk get, set and delete of one
// key, with ETags and TTLs) and on nothing else: no query API and no
// multi-key transactions, which Redis does not roll back. A service that
// needs an index keeps its own index documents, and a change that spans
// several documents is made one document at a time in an order that any
// reader tolerates, with the rest recorded in the first document so that
// it can be finished after a crash.
package statekv

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ErrConflict means a write lost a race: the document changed since it
// was read (ETag mismatch), or a document created with Create already
// exists. The caller reads it again and decides.
var ErrConflict = errors.New("state document changed concurrently")

// Item is one document as read; ETag is empty when the key is absent.
type Item struct {
	Key   string
	Value []byte
	ETag  string
}

// Exists reports whether the key held a document.
func (i Item) Exists() bool { return i.ETag != "" || len(i.Value) > 0 }

// SetOptions say how a write is guarded.
type SetOptions struct {
	// ETag: write only over this version (from a read); ErrConflict otherwise.
	ETag string
	// Create: write only when the key is absent; ErrConflict otherwise.
	Create bool
	// TTL: the store deletes the document this long after the write (0: never).
	TTL time.Duration
}

// Store is a Dapr state store (or an in-memory one in tests).
type Store interface {
	Get(ctx context.Context, key string) (Item, error)
	// GetBulk returns one item per key, in the order of keys.
	GetBulk(ctx context.Context, keys []string) ([]Item, error)
	Set(ctx context.Context, key string, value []byte, opts SetOptions) error
	// Delete removes the key; with an ETag only that version (ErrConflict
	// otherwise). Deleting an absent key without an ETag succeeds.
	Delete(ctx context.Context, key, etag string) error
}

// GetJSON reads the document at key into dst and returns its ETag ("" and
// dst untouched when absent).
func GetJSON(ctx context.Context, s Store, key string, dst any) (string, error) {
	it, err := s.Get(ctx, key)
	if err != nil {
		return "", err
	}
	if !it.Exists() {
		return "", nil
	}
	if err := json.Unmarshal(it.Value, dst); err != nil {
		return "", fmt.Errorf("state %s: %w", key, err)
	}
	return it.ETag, nil
}

// ErrNoChange, returned by an Update function, ends the update without
// writing anything and without an error.
var ErrNoChange = errors.New("no change")

// maxAttempts bounds an Update that keeps losing races.
const maxAttempts = 20

// Update applies fn to the JSON document at key and writes the result
// guarded by the ETag it read (or as a creation when the key was absent),
// reading and applying fn again when another writer came first. fn gets a
// zero T and exists=false for an absent key; it returns the TTL to write
// with, ErrNoChange to leave the document as it is, or any other error to
// stop. Update returns the document as written (or as read, after
// ErrNoChange).
func Update[T any](ctx context.Context, s Store, key string, fn func(doc *T, exists bool) (time.Duration, error)) (T, error) {
	for attempt := 0; ; attempt++ {
		var doc T
		etag, err := GetJSON(ctx, s, key, &doc)
		if err != nil {
			return doc, err
		}
		ttl, err := fn(&doc, etag != "")
		if errors.Is(err, ErrNoChange) {
			return doc, nil
		}
		if err != nil {
			return doc, err
		}
		raw, err := json.Marshal(doc)
		if err != nil {
			return doc, fmt.Errorf("state %s: %w", key, err)
		}
		err = s.Set(ctx, key, raw, SetOptions{ETag: etag, Create: etag == "", TTL: ttl})
		if err == nil {
			return doc, nil
		}
		if !errors.Is(err, ErrConflict) || attempt+1 >= maxAttempts {
			return doc, err
		}
		select {
		case <-ctx.Done():
			return doc, ctx.Err()
		case <-time.After(time.Duration(attempt+1) * 2 * time.Millisecond):
		}
	}
}

// SetJSON writes v at key as opts say.
func SetJSON(ctx context.Context, s Store, key string, v any, opts SetOptions) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("state %s: %w", key, err)
	}
	return s.Set(ctx, key, raw, opts)
}
