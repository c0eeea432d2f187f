package adapters

import (
	"context"
	"encoding/json"
	"strconv"
	"sync"

	"github.com/taskrocket/taskrocket/services/notifications/app"
)

// MemoryDocs is app.Docs in this process's memory, with the same ETag and
// first-write rules as the state stores (TTLs are not applied). It backs
// the tests of the use cases and the HTTP layer.
type MemoryDocs struct {
	mu   sync.Mutex
	docs map[string]memoryDoc
	seq  int
}

type memoryDoc struct {
	raw  []byte
	etag string
}

var _ app.Docs = (*MemoryDocs)(nil)

// NewMemoryDocs returns an empty store.
func NewMemoryDocs() *MemoryDocs { return &MemoryDocs{docs: map[string]memoryDoc{}} }

// Get implements app.Docs.
func (m *MemoryDocs) Get(_ context.Context, key string, dst any) (string, error) {
	m.mu.Lock()
	d, ok := m.docs[key]
	m.mu.Unlock()
	if !ok {
		return "", app.ErrNotFound
	}
	return d.etag, json.Unmarshal(d.raw, dst)
}

// GetMany implements app.Docs.
func (m *MemoryDocs) GetMany(_ context.Context, keys []string) (map[string][]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string][]byte{}
	for _, k := range keys {
		if d, ok := m.docs[k]; ok {
			out[k] = d.raw
		}
	}
	return out, nil
}

// Put implements app.Docs.
func (m *MemoryDocs) Put(_ context.Context, key string, v any, w app.Write) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	d, exists := m.docs[key]
	switch {
	case w.ETag != "" && (!exists || d.etag != w.ETag):
		return app.ErrConflict
	case w.ETag == "" && w.Create && exists:
		return app.ErrConflict
	}
	m.seq++
	m.docs[key] = memoryDoc{raw: raw, etag: strconv.Itoa(m.seq)}
	return nil
}

// Delete implements app.Docs.
func (m *MemoryDocs) Delete(_ context.Context, keys ...string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, k := range keys {
		delete(m.docs, k)
	}
	return nil
}

// Len is the number of documents stored.
func (m *MemoryDocs) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.docs)
}
