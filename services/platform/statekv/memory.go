package statekv

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Memory is a Store in process memory with the same guarantees as a Dapr
// state store (ETags, create-only writes, TTLs), for the tests of the
// services that use one.
type Memory struct {
	mu   sync.Mutex
	now  func() time.Time
	seq  int
	docs map[string]memDoc
	// Fail, when set, is returned by every call (the store is down).
	fail error
}

type memDoc struct {
	value   []byte
	etag    string
	expires time.Time
}

// NewMemory returns an empty store whose TTLs follow now (time.Now when nil).
func NewMemory(now func() time.Time) *Memory {
	if now == nil {
		now = time.Now
	}
	return &Memory{now: now, docs: map[string]memDoc{}}
}

var _ Store = (*Memory)(nil)

// SetDown makes every call fail with err (nil: up again).
func (m *Memory) SetDown(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.fail = err
}

func (m *Memory) live(key string) (memDoc, bool) {
	d, ok := m.docs[key]
	if ok && !d.expires.IsZero() && !m.now().Before(d.expires) {
		delete(m.docs, key)
		return memDoc{}, false
	}
	return d, ok
}

// Get implements Store.
func (m *Memory) Get(_ context.Context, key string) (Item, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return Item{}, m.fail
	}
	d, ok := m.live(key)
	if !ok {
		return Item{Key: key}, nil
	}
	return Item{Key: key, Value: slices.Clone(d.value), ETag: d.etag}, nil
}

// GetBulk implements Store.
func (m *Memory) GetBulk(ctx context.Context, keys []string) ([]Item, error) {
	out := make([]Item, len(keys))
	for i, k := range keys {
		it, err := m.Get(ctx, k)
		if err != nil {
			return nil, err
		}
		out[i] = it
	}
	return out, nil
}

// Set implements Store.
func (m *Memory) Set(_ context.Context, key string, value []byte, opts SetOptions) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	d, ok := m.live(key)
	switch {
	case opts.ETag != "" && (!ok || d.etag != opts.ETag):
		return ErrConflict
	case opts.ETag == "" && opts.Create && ok:
		return ErrConflict
	}
	m.seq++
	nd := memDoc{value: slices.Clone(value), etag: strconv.Itoa(m.seq)}
	if opts.TTL > 0 {
		nd.expires = m.now().Add(opts.TTL)
	}
	m.docs[key] = nd
	return nil
}

// Delete implements Store.
func (m *Memory) Delete(_ context.Context, key, etag string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	d, ok := m.live(key)
	if etag != "" && (!ok || d.etag != etag) {
		return ErrConflict
	}
	delete(m.docs, key)
	return nil
}

// Keys returns the live keys, sorted (tests check what is stored).
func (m *Memory) Keys() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k := range maps.Clone(m.docs) {
		m.live(k)
	}
	return slices.Sorted(maps.Keys(m.docs))
}
