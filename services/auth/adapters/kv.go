// Package adapters keeps the auth service's state: sessions, refresh-token
// records, each user's session index and the signing keyset, as JSON
// values in a key-value store with ETags and TTLs — the Dapr state store
// "auth-state" in production, a map in tests.
//
// Key layout (Dapr prefixes each key with the app id, "auth||"):
//
//	session:{sessionId}       session record; TTL = session expiry
//	refresh:{sha256 hex}      refresh token record; TTL = token expiry
//	user-sessions:{userId}    ids of the user's sessions; TTL = last absolute expiry
//	signing-keys              the keyset, private keys included; no TTL
package adapters

import (
	"context"
	"math"
	"strconv"
	"time"
)

// kv is the little a key-value state store must offer.
type kv interface {
	// get returns app.ErrNotFound for a missing or expired key.
	get(ctx context.Context, key string) (entry, error)
	// getBulk returns the entries that exist, in no particular order.
	getBulk(ctx context.Context, keys []string) ([]entry, error)
	// put writes one key; it returns app.ErrConflict when w.etag is set
	// and no longer matches, or w.create is set and the key exists.
	put(ctx context.Context, key string, value []byte, w write) error
	// transact applies unconditional upserts together.
	transact(ctx context.Context, ops []op) error
	delete(ctx context.Context, key string) error
}

type entry struct {
	key   string
	value []byte
	etag  string
}

// write states the condition and lifetime of a put.
type write struct {
	etag   string        // replace only this version
	create bool          // create only; fail if the key exists
	ttl    time.Duration // 0: never expires (overrides a store default)
}

type op struct {
	key   string
	value []byte
	ttl   time.Duration
}

// minTTL keeps records that are already due for a short while: a TTL of
// zero or less would mean "keep forever" to the store.
const minTTL = time.Minute

func ttlUntil(expiry, now time.Time) time.Duration {
	return max(expiry.Sub(now), minTTL)
}

// ttlSeconds renders a TTL as Dapr's ttlInSeconds metadata ("-1": never).
func ttlSeconds(ttl time.Duration) string {
	if ttl <= 0 {
		return "-1"
	}
	return strconv.FormatInt(int64(math.Ceil(ttl.Seconds())), 10)
}
