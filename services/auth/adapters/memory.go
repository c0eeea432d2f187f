package adapters

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/app"
)

// NewMemoryStore returns a Store over process memory with the semantics
// the service relies on from Dapr state (ETags, create-only writes, TTLs,
// transactions). It backs tests; it is not a deployment option.
func NewMemoryStore(now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return newStore(&memoryKV{now: now, data: map[string]memoryEntry{}}, now)
}

type memoryEntry struct {
	value   []byte
	version int
	expires time.Time // zero: never
}

type memoryKV struct {
	now  func() time.Time
	mu   sync.Mutex
	data map[string]memoryEntry
	seq  int
}

// lookup returns the live entry under key; called with mu held.
func (m *memoryKV) lookup(key string) (memoryEntry, bool) {
	e, ok := m.data[key]
	if ok && !e.expires.IsZero() && !m.now().Before(e.expires) {
		delete(m.data, key)
		return memoryEntry{}, false
	}
	return e, ok
}

func (m *memoryKV) get(_ context.Context, key string) (entry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.lookup(key)
	if !ok {
		return entry{}, app.ErrNotFound
	}
	return entry{key: key, value: append([]byte(nil), e.value...), etag: strconv.Itoa(e.version)}, nil
}

func (m *memoryKV) getBulk(ctx context.Context, keys []string) ([]entry, error) {
	var out []entry
	for _, k := range keys {
		if e, err := m.get(ctx, k); err == nil {
			out = append(out, e)
		}
	}
	return out, nil
}

func (m *memoryKV) put(_ context.Context, key string, value []byte, w write) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	cur, exists := m.lookup(key)
	switch {
	case w.create && exists:
		return app.ErrConflict
	case w.etag != "" && (!exists || strconv.Itoa(cur.version) != w.etag):
		return app.ErrConflict
	}
	m.store(key, value, w.ttl)
	return nil
}

// store writes with mu held. Versions are unique across keys, so an ETag
// read before a key expired never matches its successor.
func (m *memoryKV) store(key string, value []byte, ttl time.Duration) {
	m.seq++
	e := memoryEntry{value: append([]byte(nil), value...), version: m.seq}
	if ttl > 0 {
		e.expires = m.now().Add(ttl)
	}
	m.data[key] = e
}

func (m *memoryKV) transact(_ context.Context, ops []op) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, o := range ops {
		m.store(o.key, o.value, o.ttl)
	}
	return nil
}

func (m *memoryKV) delete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.data, key)
	return nil
}
