package adapters

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/auth/domain"
)

const keysetKey = "signing-keys"

func sessionKey(id string) string     { return "session:" + id }
func refreshKey(hash string) string   { return "refresh:" + hash }
func userIndexKey(user string) string { return "user-sessions:" + user }

// Store implements app.SessionStore and app.KeyStore over a key-value store.
type Store struct {
	kv  kv
	now func() time.Time
}

var (
	_ app.SessionStore = (*Store)(nil)
	_ app.KeyStore     = (*Store)(nil)
)

func newStore(backend kv, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{kv: backend, now: now}
}

// CreateSession lists the session in its user's index first, then writes
// the session and its first token in one transaction. A failure in between
// leaves only an index entry without a session, which readers skip; the
// reverse order could leave a session that "log out everywhere" misses.
func (s *Store) CreateSession(ctx context.Context, sess domain.Session, first domain.RefreshToken) error {
	if err := s.addToIndex(ctx, sess); err != nil {
		return err
	}
	sessVal, err := json.Marshal(toSessionRecord(sess))
	if err != nil {
		return fmt.Errorf("encode session: %w", err)
	}
	tokVal, err := json.Marshal(toTokenRecord(first))
	if err != nil {
		return fmt.Errorf("encode refresh token: %w", err)
	}
	now := s.now()
	return s.kv.transact(ctx, []op{
		{key: sessionKey(sess.ID), value: sessVal, ttl: ttlUntil(sess.ExpiresAt, now)},
		{key: refreshKey(first.Hash), value: tokVal, ttl: ttlUntil(first.ExpiresAt, now)},
	})
}

// Session implements app.SessionStore.
func (s *Store) Session(ctx context.Context, id string) (domain.Session, app.Version, error) {
	e, err := s.kv.get(ctx, sessionKey(id))
	if err != nil {
		return domain.Session{}, "", err
	}
	var r sessionRecord
	if err := json.Unmarshal(e.value, &r); err != nil {
		return domain.Session{}, "", fmt.Errorf("decode session %s: %w", id, err)
	}
	return r.domain(id), app.Version(e.etag), nil
}

// UpdateSession implements app.SessionStore. A revoked session is kept
// until it would have expired, so that its access tokens stay refused.
func (s *Store) UpdateSession(ctx context.Context, sess domain.Session, v app.Version) error {
	if v == "" {
		return errors.New("update session: version required")
	}
	val, err := json.Marshal(toSessionRecord(sess))
	if err != nil {
		return fmt.Errorf("encode session: %w", err)
	}
	return s.kv.put(ctx, sessionKey(sess.ID), val, write{etag: string(v), ttl: ttlUntil(sess.ExpiresAt, s.now())})
}

// RefreshToken implements app.SessionStore.
func (s *Store) RefreshToken(ctx context.Context, hash string) (domain.RefreshToken, error) {
	e, err := s.kv.get(ctx, refreshKey(hash))
	if err != nil {
		return domain.RefreshToken{}, err
	}
	var r tokenRecord
	if err := json.Unmarshal(e.value, &r); err != nil {
		return domain.RefreshToken{}, fmt.Errorf("decode refresh token: %w", err)
	}
	return domain.RefreshToken{Hash: hash, SessionID: r.FamilyID, UserID: r.UserID, Spent: r.Spent, ExpiresAt: r.ExpiresAt}, nil
}

// SaveRefreshToken implements app.SessionStore.
func (s *Store) SaveRefreshToken(ctx context.Context, t domain.RefreshToken) error {
	val, err := json.Marshal(toTokenRecord(t))
	if err != nil {
		return fmt.Errorf("encode refresh token: %w", err)
	}
	return s.kv.put(ctx, refreshKey(t.Hash), val, write{ttl: ttlUntil(t.ExpiresAt, s.now())})
}

// DeleteRefreshToken implements app.SessionStore.
func (s *Store) DeleteRefreshToken(ctx context.Context, hash string) error {
	return s.kv.delete(ctx, refreshKey(hash))
}

func toTokenRecord(t domain.RefreshToken) tokenRecord {
	return tokenRecord{FamilyID: t.SessionID, UserID: t.UserID, Spent: t.Spent, ExpiresAt: t.ExpiresAt}
}

// Keyset implements app.KeyStore.
func (s *Store) Keyset(ctx context.Context) (domain.Keyset, app.Version, error) {
	e, err := s.kv.get(ctx, keysetKey)
	if err != nil {
		return domain.Keyset{}, "", err
	}
	var r keysetRecord
	if err := json.Unmarshal(e.value, &r); err != nil {
		// The error must not quote the value: it holds private keys.
		return domain.Keyset{}, "", errors.New("decode keyset: stored value is not a keyset")
	}
	return r.domain(), app.Version(e.etag), nil
}

// SaveKeyset implements app.KeyStore. The keyset never expires, whatever
// default TTL the store component may set.
func (s *Store) SaveKeyset(ctx context.Context, ks domain.Keyset, v app.Version) error {
	val, err := json.Marshal(toKeysetRecord(ks))
	if err != nil {
		return errors.New("encode keyset")
	}
	return s.kv.put(ctx, keysetKey, val, write{etag: string(v), create: v == ""})
}
