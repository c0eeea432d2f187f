package adapters

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/auth/domain"
)

// Revocations not yet announced are kept in pendingShards keys
// (pending-revocations:{n}, by a hash of the revocation id), so that
// concurrent sign-outs rarely contend on one ETag, and the retry loop
// reads them all in one bulk get.
const pendingShards = 8

// pendingTTL drops a revocation that could not be announced for this long:
// the tokens it concerns have long expired.
const pendingTTL = 24 * time.Hour

func pendingKey(shard uint32) string { return "pending-revocations:" + strconv.Itoa(int(shard)) }

func shardOf(id string) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	return h.Sum32() % pendingShards
}

type pendingRecord struct {
	ID             string    `json:"id"`
	SessionID      string    `json:"sessionId,omitempty"`
	UserID         string    `json:"userId"`
	Keep           string    `json:"keep,omitempty"`
	Sessions       []string  `json:"sessions,omitempty"`
	Reason         string    `json:"reason"`
	At             time.Time `json:"at"`
	TokensExpireBy time.Time `json:"tokensExpireBy"`
}

// AddPending implements app.SessionStore.
func (s *Store) AddPending(ctx context.Context, r domain.Revocation) error {
	rec := pendingRecord(r)
	return s.updatePending(ctx, shardOf(r.ID), func(list []pendingRecord) ([]pendingRecord, bool) {
		return append(list, rec), true
	})
}

// RemovePending implements app.SessionStore.
func (s *Store) RemovePending(ctx context.Context, id string) error {
	return s.updatePending(ctx, shardOf(id), func(list []pendingRecord) ([]pendingRecord, bool) {
		kept := slices.DeleteFunc(list, func(r pendingRecord) bool { return r.ID == id })
		return kept, true
	})
}

// Pending implements app.SessionStore.
func (s *Store) Pending(ctx context.Context) ([]domain.Revocation, error) {
	keys := make([]string, pendingShards)
	for i := range keys {
		keys[i] = pendingKey(uint32(i))
	}
	entries, err := s.kv.getBulk(ctx, keys)
	if err != nil {
		return nil, fmt.Errorf("load pending revocations: %w", err)
	}
	var out []domain.Revocation
	for _, e := range entries {
		var list []pendingRecord
		if err := json.Unmarshal(e.value, &list); err != nil {
			return nil, fmt.Errorf("decode %s: %w", e.key, err)
		}
		for _, r := range list {
			out = append(out, domain.Revocation(r))
		}
	}
	return out, nil
}

// updatePending changes one shard with an ETag check, retrying on
// conflict; records older than pendingTTL are dropped on every write.
func (s *Store) updatePending(ctx context.Context, shard uint32, change func([]pendingRecord) ([]pendingRecord, bool)) error {
	key := pendingKey(shard)
	for range indexAttempts {
		var list []pendingRecord
		e, err := s.kv.get(ctx, key)
		switch {
		case errors.Is(err, app.ErrNotFound):
		case err != nil:
			return err
		default:
			if err := json.Unmarshal(e.value, &list); err != nil {
				return fmt.Errorf("decode %s: %w", key, err)
			}
		}
		next, changed := change(list)
		if !changed {
			return nil
		}
		now := s.now()
		next = slices.DeleteFunc(next, func(r pendingRecord) bool { return now.Sub(r.At) > pendingTTL })
		val, err := json.Marshal(next)
		if err != nil {
			return fmt.Errorf("encode %s: %w", key, err)
		}
		err = s.kv.put(ctx, key, val, write{etag: e.etag, create: e.etag == "", ttl: pendingTTL})
		if !errors.Is(err, app.ErrConflict) {
			return err
		}
	}
	return fmt.Errorf("update %s: %w", key, app.ErrConflict)
}
