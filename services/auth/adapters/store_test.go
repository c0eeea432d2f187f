package adapters_test

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	dapr "github.com/dapr/go-sdk/client"
	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/auth/adapters"
	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/auth/domain"
)

var lifetimes = domain.Lifetimes{Access: 10 * time.Minute, Refresh: 720 * time.Hour, Session: 2160 * time.Hour}

// The same contract runs against every Store backend: the in-memory one
// that the application tests use, and — when AUTH_TEST_DAPR_GRPC_ADDRESS
// names a daprd whose AUTH_TEST_STATE_STORE (default auth-state) is a
// disposable store — the Dapr one, so the fake is held to the real thing.
func backends(t *testing.T) map[string]*adapters.Store {
	t.Helper()
	stores := map[string]*adapters.Store{"memory": adapters.NewMemoryStore(nil)}
	addr := os.Getenv("AUTH_TEST_DAPR_GRPC_ADDRESS")
	if addr == "" {
		return stores
	}
	name := os.Getenv("AUTH_TEST_STATE_STORE")
	if name == "" {
		name = "auth-state"
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	c, err := dapr.NewClientWithAddressContext(ctx, addr)
	if err != nil {
		t.Fatalf("dapr sidecar at %s: %v", addr, err)
	}
	t.Cleanup(c.Close)
	if err := c.DeleteState(ctx, name, "signing-keys", nil); err != nil {
		t.Fatal(err)
	}
	stores["dapr"] = adapters.NewDaprStore(func(context.Context) (dapr.Client, error) { return c, nil }, name)
	return stores
}

func newSession(userID string, now time.Time) (domain.Session, domain.RefreshToken) {
	_, hash, _ := domain.NewRefreshSecret()
	return domain.NewSession(uuid.NewString(), domain.Login{UserID: userID, Username: "ada", UserAgent: "curl", ClientIP: "::1"}, hash, now, lifetimes)
}

func TestStoreContract(t *testing.T) {
	for name, store := range backends(t) {
		t.Run(name, func(t *testing.T) {
			ctx := t.Context()
			now := time.Now().UTC().Truncate(time.Millisecond)

			t.Run("session-roundtrip-with-version-check", func(t *testing.T) {
				s, tok := newSession(uuid.NewString(), now)
				if err := store.CreateSession(ctx, s, tok); err != nil {
					t.Fatal(err)
				}
				got, v, err := store.Session(ctx, s.ID)
				if err != nil || v == "" || got.UserID != s.UserID || got.CurrentTokenHash != tok.Hash ||
					!got.ExpiresAt.Equal(s.ExpiresAt) || got.Revoked() {
					t.Fatalf("read back %+v, version %q, %v", got, v, err)
				}
				if err := store.UpdateSession(ctx, got.Revoke(domain.ReasonLogout, now), v); err != nil {
					t.Fatal(err)
				}
				if err := store.UpdateSession(ctx, got, v); !errors.Is(err, app.ErrConflict) {
					t.Fatalf("write with a stale version: %v, want ErrConflict", err)
				}
				if got, _, _ := store.Session(ctx, s.ID); !got.Revoked() || got.RevokeReason != domain.ReasonLogout {
					t.Fatalf("the stale write undid the revocation: %+v", got)
				}
			})

			t.Run("refresh-token-roundtrip", func(t *testing.T) {
				s, tok := newSession(uuid.NewString(), now)
				if err := store.CreateSession(ctx, s, tok); err != nil {
					t.Fatal(err)
				}
				got, err := store.RefreshToken(ctx, tok.Hash)
				if err != nil || got.SessionID != s.ID || got.UserID != s.UserID || got.Spent || !got.ExpiresAt.Equal(tok.ExpiresAt) {
					t.Fatalf("read back %+v, %v", got, err)
				}
				got.Spent = true
				if err := store.SaveRefreshToken(ctx, got); err != nil {
					t.Fatal(err)
				}
				if got, _ := store.RefreshToken(ctx, tok.Hash); !got.Spent {
					t.Fatal("spent flag lost")
				}
				if err := store.DeleteRefreshToken(ctx, tok.Hash); err != nil {
					t.Fatal(err)
				}
				if _, err := store.RefreshToken(ctx, tok.Hash); !errors.Is(err, app.ErrNotFound) {
					t.Fatalf("deleted token: %v, want ErrNotFound", err)
				}
			})

			t.Run("missing-records-are-not-found", func(t *testing.T) {
				if _, _, err := store.Session(ctx, uuid.NewString()); !errors.Is(err, app.ErrNotFound) {
					t.Fatalf("session: %v", err)
				}
				if list, err := store.UserSessions(ctx, uuid.NewString()); err != nil || len(list) != 0 {
					t.Fatalf("sessions of an unknown user: %v, %v", list, err)
				}
			})

			t.Run("keyset-create-once-then-compare-and-swap", func(t *testing.T) {
				if _, _, err := store.Keyset(ctx); !errors.Is(err, app.ErrNotFound) {
					t.Fatalf("empty store keyset: %v", err)
				}
				k1, _ := domain.NewSigningKey(now)
				k2, _ := domain.NewSigningKey(now)
				if err := store.SaveKeyset(ctx, domain.Keyset{Keys: []domain.SigningKey{k1}}, ""); err != nil {
					t.Fatal(err)
				}
				if err := store.SaveKeyset(ctx, domain.Keyset{Keys: []domain.SigningKey{k2}}, ""); !errors.Is(err, app.ErrConflict) {
					t.Fatalf("second create: %v, want ErrConflict", err)
				}
				ks, v, err := store.Keyset(ctx)
				if err != nil || len(ks.Keys) != 1 || ks.Keys[0].ID != k1.ID || !ks.Keys[0].Valid() {
					t.Fatalf("keyset %v, %v", ks, err)
				}
				rotated := ks.Rotate(k2, now, 0, time.Hour)
				if err := store.SaveKeyset(ctx, rotated, v); err != nil {
					t.Fatal(err)
				}
				if err := store.SaveKeyset(ctx, ks, v); !errors.Is(err, app.ErrConflict) {
					t.Fatalf("stale keyset write: %v, want ErrConflict", err)
				}
				if ks, _, _ := store.Keyset(ctx); len(ks.Keys) != 2 || !ks.Keys[0].RetiredAt.Equal(now) {
					t.Fatalf("rotated keyset read back as %v", ks)
				}
			})

			t.Run("user-index-survives-concurrent-logins", func(t *testing.T) {
				user, other := uuid.NewString(), uuid.NewString()
				want := map[string]bool{}
				var mu sync.Mutex
				var wg sync.WaitGroup
				for range 8 {
					s, tok := newSession(user, now)
					want[s.ID] = true
					wg.Go(func() {
						if err := store.CreateSession(ctx, s, tok); err != nil {
							mu.Lock()
							defer mu.Unlock()
							t.Error(err)
						}
					})
				}
				s, tok := newSession(other, now)
				if err := store.CreateSession(ctx, s, tok); err != nil {
					t.Fatal(err)
				}
				wg.Wait()
				list, err := store.UserSessions(ctx, user)
				if err != nil || len(list) != len(want) {
					t.Fatalf("%d sessions listed, want %d (%v)", len(list), len(want), err)
				}
				for _, s := range list {
					if !want[s.ID] || s.UserID != user {
						t.Fatalf("listed %s of %s", s.ID, s.UserID)
					}
				}
			})
		})
	}
}

func TestMemoryStoreExpiresRecords(t *testing.T) {
	t.Parallel()
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	store := adapters.NewMemoryStore(clock)
	s, tok := newSession("u1", now)
	if err := store.CreateSession(t.Context(), s, tok); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	now = s.ExpiresAt
	mu.Unlock()
	if _, _, err := store.Session(t.Context(), s.ID); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("session past its TTL: %v", err)
	}
	if _, err := store.RefreshToken(t.Context(), tok.Hash); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("token past its TTL: %v", err)
	}
	if list, _ := store.UserSessions(t.Context(), "u1"); len(list) != 0 {
		t.Fatalf("expired sessions listed: %v", list)
	}
}
