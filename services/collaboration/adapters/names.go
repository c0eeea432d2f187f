package adapters

import (
	"sync"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/eventview"

	"github.com/taskrocket/taskrocket/services/collaboration/app"
)

// Authors' names are read on every page of comments and change rarely, so
// each instance keeps the ones it has read for nameTTL. A rename or a
// deleted account that another instance applied (the users events go to
// one instance of the app) shows here within nameTTL; on the instance that
// applied it, at once.
const (
	nameTTL   = time.Minute
	namesHeld = 50_000
)

type heldName struct {
	name    app.UserName
	expires time.Time
}

// nameCache is the instance's memory of authors' names.
type nameCache struct {
	mu  sync.Mutex
	lru *eventview.LRU[heldName]
	now func() time.Time
	// gen counts the names forgotten: a name read from the store is kept
	// only if none was forgotten while it was read (it may be the old one).
	gen uint64
}

func newNameCache(now func() time.Time) *nameCache {
	return &nameCache{lru: eventview.NewLRU[heldName](namesHeld), now: now}
}

// get returns the names held and still fresh, the ids it lacks, and the
// generation to pass to put with what the store answers for them.
func (c *nameCache) get(ids []string) (map[string]app.UserName, []string, uint64) {
	out := make(map[string]app.UserName, len(ids))
	var missing []string
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range ids {
		if h, ok := c.lru.Get(id); ok && now.Before(h.expires) {
			out[id] = h.name
			continue
		}
		missing = append(missing, id)
	}
	return out, missing, c.gen
}

func (c *nameCache) put(id string, n app.UserName, gen uint64) {
	c.mu.Lock()
	if c.gen == gen {
		c.lru.Put(id, heldName{name: n, expires: c.now().Add(nameTTL)}, 1)
	}
	c.mu.Unlock()
}

func (c *nameCache) forget(id string) {
	c.mu.Lock()
	c.lru.Remove(id)
	c.gen++
	c.mu.Unlock()
}
