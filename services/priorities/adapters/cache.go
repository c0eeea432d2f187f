package adapters

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/taskrocket/taskrocket/services/platform/statekv"

	"github.com/taskrocket/taskrocket/services/priorities/app"
)

// How long cache entries and invalidation markers live. A marker must
// outlive any computation that read the entry before it (a miss that
// finds no key writes with Create, and would win over an expired marker).
const (
	entryTTL  = 10 * time.Minute
	markerTTL = time.Minute
)

// Cache is the next-up cache (app.Cache) in a Dapr state store; the
// component YAML decides what backs it (Redis, Postgres, ...).
type Cache struct {
	store statekv.Store
	hits  prometheus.Counter
	miss  prometheus.Counter
}

// NewCache returns the cache over store.
func NewCache(store statekv.Store) *Cache {
	return &Cache{
		store: store,
		hits: prometheus.NewCounter(prometheus.CounterOpts{Name: "priorities_nextup_cache_hits_total",
			Help: "Next-up answers served from the cache."}),
		miss: prometheus.NewCounter(prometheus.CounterOpts{Name: "priorities_nextup_cache_misses_total",
			Help: "Next-up answers computed (missing, invalidated or expired entry)."}),
	}
}

var (
	_ app.Cache      = (*Cache)(nil)
	_ app.CacheStats = (*Cache)(nil)
)

// Collectors are the cache's metrics.
func (c *Cache) Collectors() []prometheus.Collector { return []prometheus.Collector{c.hits, c.miss} }

// Hit implements app.CacheStats.
func (c *Cache) Hit() { c.hits.Inc() }

// Miss implements app.CacheStats.
func (c *Cache) Miss() { c.miss.Inc() }

// Get implements app.Cache.
func (c *Cache) Get(ctx context.Context, key string) (app.NextUpEntry, string, error) {
	var e app.NextUpEntry
	it, err := c.store.Get(ctx, key)
	if err != nil || !it.Exists() {
		return e, "", err
	}
	if err := json.Unmarshal(it.Value, &e); err != nil {
		// Unreadable: treat as stale, and write over it.
		return app.NextUpEntry{Stale: true}, it.ETag, nil
	}
	return e, it.ETag, nil
}

// Put implements app.Cache.
func (c *Cache) Put(ctx context.Context, key string, e app.NextUpEntry, token string) (bool, error) {
	err := statekv.SetJSON(ctx, c.store, key, e, statekv.SetOptions{ETag: token, Create: token == "", TTL: entryTTL})
	if statekv.IsConflict(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cache next up: %w", err)
	}
	return true, nil
}

// Invalidate implements app.Cache: each key gets a marker, written over
// whatever it holds. The write names the ETag it read (or creates the
// key): a store may refuse an unguarded write over a key that was written
// guarded (Dapr's Redis store does), and a computation that read the
// entry before must lose to the marker.
func (c *Cache) Invalidate(ctx context.Context, keys ...string) error {
	for _, k := range keys {
		_, err := statekv.Update(ctx, c.store, k, func(e *app.NextUpEntry, _ bool) (time.Duration, error) {
			*e = app.NextUpEntry{Stale: true}
			return markerTTL, nil
		})
		if err != nil {
			return fmt.Errorf("invalidate next up: %w", err)
		}
	}
	return nil
}
