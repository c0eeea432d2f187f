// Package adapters implements the audit service's ports: the activity log
// in a Dapr state store (statekv), and the projects and tasks services
// over Dapr service invocation.
//
// Storage layout (no query API, no multi-key transactions, every document
// with the retention period as its TTL):
//
//	event/<event id>        which position the event took in each list
//	counter/<list>          the next position of a list
//	entry/<list>/<n>        the entry at position n of a list
//
// A list is a project's, a task's or an actor's (domain.*Index). An event
// is recorded by taking a position in each of its lists, writing those in
// its marker document (created once: a redelivery, even a concurrent one,
// reuses the first positions), then the entries. A position taken by a
// delivery that lost the race stays empty; readers skip empty positions.
package adapters

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strconv"
	"sync"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/eventview"
	"github.com/taskrocket/taskrocket/services/platform/statekv"

	"github.com/taskrocket/taskrocket/services/audit/domain"
)

// Store keeps the activity log.
type Store struct {
	kv        statekv.Store
	retention time.Duration
	now       func() time.Time
	// counters serialise the positions this instance takes of one list,
	// and blocks holds the positions it reserved and has not handed out
	// yet (guarded by the list's counter lock).
	counters [64]sync.Mutex
	blocksMu sync.Mutex
	blocks   *eventview.LRU[block]
}

// block is a run of a list's positions reserved by this instance until
// a moment (blockFor after the reservation).
type block struct {
	next, end int64
	until     time.Time
}

// NewStore returns the log over kv; every document lives retention long.
// now is the clock of the store's TTLs (time.Now when nil).
func NewStore(kv statekv.Store, retention time.Duration, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{kv: kv, retention: retention, now: now, blocks: eventview.NewLRU[block](blocksHeld)}
}

type marker struct {
	Positions map[string]int64 `json:"positions"`
	Done      bool             `json:"done"`
}

type counter struct {
	Next int64 `json:"next"`
}

func entryKey(list string, n int64) string { return "entry/" + list + "/" + strconv.FormatInt(n, 10) }

// Record implements app.Store: at most one entry per list for an event
// id, however often and however concurrently it is delivered.
func (s *Store) Record(ctx context.Context, e domain.Entry) error {
	key := "event/" + e.ID
	var m marker
	etag, err := statekv.GetJSON(ctx, s.kv, key, &m)
	if err != nil {
		return err
	}
	if etag != "" && m.Done {
		return nil
	}
	if etag == "" {
		m = marker{Positions: map[string]int64{}}
		for _, list := range e.Indexes() {
			n, err := s.take(ctx, list)
			if err != nil {
				return err
			}
			m.Positions[list] = n
		}
		err := statekv.SetJSON(ctx, s.kv, key, m, statekv.SetOptions{Create: true, TTL: s.retention})
		if statekv.IsConflict(err) {
			// Another delivery of the event came first: use its positions.
			if _, err := statekv.GetJSON(ctx, s.kv, key, &m); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
	}
	raw, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("entry %s: %w", e.ID, err)
	}
	for list, n := range m.Positions {
		if err := s.kv.Set(ctx, entryKey(list, n), raw, statekv.SetOptions{TTL: s.retention}); err != nil {
			return err
		}
	}
	m.Done = true
	return statekv.SetJSON(ctx, s.kv, key, m, statekv.SetOptions{TTL: s.retention})
}

// Positions are reserved blockSize at a time: a burst of a project's
// events (every one takes a position in the project's list and in its
// actor's) costs one counter update per block instead of one per event,
// and concurrent deliveries do not collide on the counter's ETag. An
// instance that stops leaves the rest of its blocks unused: gaps in the
// lists, which readers skip. blocksHeld bounds the lists held.
//
// A list is read from its counter down, so the counter must outlive every
// entry of the list: a block is used for at most blockFor after it was
// reserved, and the counter lives retention + blockFor from then.
const (
	blockSize  = 32
	blocksHeld = 10_000
	blockFor   = time.Minute
)

// take returns the next position of a list (counting from 1).
func (s *Store) take(ctx context.Context, list string) (int64, error) {
	h := fnv.New32a()
	_, _ = h.Write([]byte(list))
	mu := &s.counters[h.Sum32()%uint32(len(s.counters))]
	mu.Lock()
	defer mu.Unlock()
	s.blocksMu.Lock()
	b, ok := s.blocks.Get(list)
	if ok && b.next <= b.end && s.now().Before(b.until) {
		s.blocks.Put(list, block{next: b.next + 1, end: b.end, until: b.until}, 1)
		s.blocksMu.Unlock()
		return b.next, nil
	}
	s.blocksMu.Unlock()
	c, err := statekv.Update(ctx, s.kv, "counter/"+list, func(c *counter, _ bool) (time.Duration, error) {
		c.Next += blockSize
		return s.retention + blockFor, nil
	})
	if err != nil {
		return 0, err
	}
	first := c.Next - blockSize + 1
	s.blocksMu.Lock()
	s.blocks.Put(list, block{next: first + 1, end: c.Next, until: s.now().Add(blockFor)}, 1)
	s.blocksMu.Unlock()
	return first, nil
}

// maxEmptyRun ends a scan: that many empty positions in a row are taken
// to be the expired part of the list (a gap left by an instance that
// stopped is shorter than a block). Reads go at least readBatch
// positions at a time, so that the unused rest of a block costs one read.
const (
	maxEmptyRun = 200
	readBatch   = blockSize
)

// Page implements app.Store: up to limit entries of a list, newest first,
// at positions below before (0: from the newest); next is the before of
// the following page, 0 at the end.
func (s *Store) Page(ctx context.Context, list string, before int64, limit int) ([]domain.Entry, int64, error) {
	if before <= 0 {
		var c counter
		if _, err := statekv.GetJSON(ctx, s.kv, "counter/"+list, &c); err != nil {
			return nil, 0, err
		}
		before = c.Next + 1
	}
	var out []domain.Entry
	n, empty := before-1, 0
	for n >= 1 && len(out) < limit && empty < maxEmptyRun {
		batch := min(max(int64(limit-len(out)), readBatch), n)
		keys := make([]string, batch)
		for i := range keys {
			keys[i] = entryKey(list, n-int64(i))
		}
		items, err := s.kv.GetBulk(ctx, keys)
		if err != nil {
			return nil, 0, err
		}
		for _, it := range items {
			if len(out) == limit {
				break
			}
			n--
			if !it.Exists() {
				empty++
				continue
			}
			empty = 0
			var e domain.Entry
			if err := json.Unmarshal(it.Value, &e); err != nil {
				return nil, 0, fmt.Errorf("state %s: %w", it.Key, err)
			}
			out = append(out, e)
		}
	}
	if n < 1 || empty >= maxEmptyRun {
		return out, 0, nil
	}
	return out, n + 1, nil
}
