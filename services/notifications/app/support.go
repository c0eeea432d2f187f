package app

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"sync"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func cryptoRandom(b []byte) error {
	_, err := rand.Read(b)
	return err
}

// maxCAS bounds compare-and-swap retries on one document; contention
// beyond it is an error (the event is retried later).
const maxCAS = 50

// Update reads the document at key (its zero value when missing), lets
// change modify it and writes it back if change reports a change, retrying
// when someone else wrote it in between. It returns the document as
// written (or as read, unchanged).
func Update[T any](ctx context.Context, docs Docs, key string, w Write, change func(doc *T, exists bool) (bool, error)) (T, error) {
	for range maxCAS {
		var doc T
		etag, err := docs.Get(ctx, key, &doc)
		exists := err == nil
		if err != nil && !errors.Is(err, ErrNotFound) {
			return doc, err
		}
		changed, err := change(&doc, exists)
		if err != nil || !changed {
			return doc, err
		}
		w := w
		w.ETag, w.Create = etag, !exists
		switch err := docs.Put(ctx, key, doc, w); {
		case err == nil:
			return doc, nil
		case errors.Is(err, ErrConflict):
			continue
		default:
			return doc, err
		}
	}
	var zero T
	return zero, fmt.Errorf("%s: %w after %d attempts", key, ErrConflict, maxCAS)
}

// Lookup reads a document; found is false when it does not exist.
func Lookup[T any](ctx context.Context, docs Docs, key string) (doc T, found bool, err error) {
	_, err = docs.Get(ctx, key, &doc)
	if errors.Is(err, ErrNotFound) {
		return doc, false, nil
	}
	return doc, err == nil, err
}

// hub wakes the feeds waiting for a user's inbox to change.
type hub struct {
	mu      sync.Mutex
	waiters map[string]map[chan struct{}]struct{}
}

func newHub() *hub { return &hub{waiters: map[string]map[chan struct{}]struct{}{}} }

// wait returns a channel that receives when the user's inbox changes, and
// the function that stops waiting. Subscribe before reading the inbox, so
// that a change in between is not missed.
func (h *hub) wait(userID string) (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	if h.waiters[userID] == nil {
		h.waiters[userID] = map[chan struct{}]struct{}{}
	}
	h.waiters[userID][ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		delete(h.waiters[userID], ch)
		if len(h.waiters[userID]) == 0 {
			delete(h.waiters, userID)
		}
	}
}

func (h *hub) notify(userID string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.waiters[userID] {
		select {
		case ch <- struct{}{}:
		default: // already woken
		}
	}
}

// userLocks serialises the inbox writes of one user within this process,
// so that notifications become visible in the order of their sequence
// numbers (another replica is kept in order by the ETag of the head).
type userLocks struct {
	stripes [256]sync.Mutex
}

func newUserLocks() *userLocks { return &userLocks{} }

func (l *userLocks) lock(userID string) func() {
	h := fnv.New32a()
	_, _ = h.Write([]byte(userID))
	m := &l.stripes[h.Sum32()%uint32(len(l.stripes))]
	m.Lock()
	return m.Unlock
}

// doneEvents remembers, per user, the events fully handled since that
// user's inbox was last written, so the next write can forget their
// pending allocations.
type doneEvents struct {
	mu     sync.Mutex
	byUser map[string][]string
}

func newDoneEvents() *doneEvents { return &doneEvents{byUser: map[string][]string{}} }

func (d *doneEvents) add(eventID string, userIDs []string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, u := range userIDs {
		if len(d.byUser[u]) < 1000 {
			d.byUser[u] = append(d.byUser[u], eventID)
		}
	}
}

func (d *doneEvents) take(userID string) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	ids := d.byUser[userID]
	delete(d.byUser, userID)
	return ids
}

// putBack returns ids taken for a write that failed.
func (d *doneEvents) putBack(userID string, ids []string) {
	if len(ids) == 0 {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.byUser[userID] = append(ids, d.byUser[userID]...)
}
