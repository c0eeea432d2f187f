package adapters

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/auth/domain"
)

const indexAttempts = 10

// pruneGrace protects an index entry whose session is still being written
// (CreateSession adds the entry first) from a concurrent prune.
const pruneGrace = time.Minute

// UserSessions implements app.SessionStore. Entries whose session is gone
// or revoked are dropped from the index on the way (best effort).
func (s *Store) UserSessions(ctx context.Context, userID string) ([]domain.Session, error) {
	idx, _, err := s.loadIndex(ctx, userID)
	if err != nil || len(idx.Sessions) == 0 {
		return nil, err
	}
	keys := make([]string, 0, len(idx.Sessions))
	for _, e := range idx.Sessions {
		keys = append(keys, sessionKey(e.ID))
	}
	entries, err := s.kv.getBulk(ctx, keys)
	if err != nil {
		return nil, fmt.Errorf("load sessions: %w", err)
	}
	sessions := make([]domain.Session, 0, len(entries))
	live := map[string]bool{}
	for _, e := range entries {
		var r sessionRecord
		if err := json.Unmarshal(e.value, &r); err != nil {
			return nil, fmt.Errorf("decode session %s: %w", e.key, err)
		}
		sess := r.domain(e.key[len(sessionKey("")):])
		if sess.UserID != userID {
			continue
		}
		sessions = append(sessions, sess)
		live[sess.ID] = !sess.Revoked()
	}
	now := s.now()
	_ = s.updateIndex(ctx, userID, func(idx userIndex) (userIndex, bool) {
		kept := slices.DeleteFunc(idx.Sessions, func(e indexEntry) bool {
			active, present := live[e.ID]
			return !active && (present || now.Sub(e.AddedAt) > pruneGrace)
		})
		return userIndex{Sessions: kept}, len(kept) != len(idx.Sessions)
	}, 1)
	return sessions, nil
}

func (s *Store) addToIndex(ctx context.Context, sess domain.Session) error {
	entry := indexEntry{ID: sess.ID, AddedAt: sess.CreatedAt, ExpiresAt: sess.AbsoluteExpiresAt}
	return s.updateIndex(ctx, sess.UserID, func(idx userIndex) (userIndex, bool) {
		return userIndex{Sessions: append(idx.Sessions, entry)}, true
	}, indexAttempts)
}

// updateIndex applies change to the user's index with an ETag check,
// retrying on conflict; expired entries are dropped on every write.
func (s *Store) updateIndex(ctx context.Context, userID string, change func(userIndex) (userIndex, bool), attempts int) error {
	for range attempts {
		idx, etag, err := s.loadIndex(ctx, userID)
		if err != nil {
			return err
		}
		next, changed := change(idx)
		if !changed {
			return nil
		}
		now := s.now()
		var last time.Time
		next.Sessions = slices.DeleteFunc(next.Sessions, func(e indexEntry) bool { return !now.Before(e.ExpiresAt) })
		for _, e := range next.Sessions {
			if e.ExpiresAt.After(last) {
				last = e.ExpiresAt
			}
		}
		val, err := json.Marshal(next)
		if err != nil {
			return fmt.Errorf("encode session index: %w", err)
		}
		err = s.kv.put(ctx, userIndexKey(userID), val, write{etag: etag, create: etag == "", ttl: ttlUntil(last, now)})
		if !errors.Is(err, app.ErrConflict) {
			return err
		}
	}
	return fmt.Errorf("update session index of %s: %w", userID, app.ErrConflict)
}

func (s *Store) loadIndex(ctx context.Context, userID string) (userIndex, string, error) {
	e, err := s.kv.get(ctx, userIndexKey(userID))
	if errors.Is(err, app.ErrNotFound) {
		return userIndex{}, "", nil
	}
	if err != nil {
		return userIndex{}, "", err
	}
	var idx userIndex
	if err := json.Unmarshal(e.value, &idx); err != nil {
		return userIndex{}, "", fmt.Errorf("decode session index: %w", err)
	}
	return idx, e.etag, nil
}
