package adapters_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/auth/domain"
)

// Revocations stored concurrently are all kept until removed, whichever
// shard they land in.
func TestPendingRevocationsSurviveConcurrentWrites(t *testing.T) {
	t.Parallel()
	for name, store := range backends(t) {
		t.Run(name, func(t *testing.T) {
			ctx := t.Context()
			before, err := store.Pending(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var (
				wg  sync.WaitGroup
				mu  sync.Mutex
				ids []string
			)
			for i := range 24 {
				wg.Go(func() {
					r := domain.Revocation{ID: uuid.NewString(), UserID: uuid.NewString(), Sessions: []string{"s"},
						Reason: domain.ReasonLogoutEverywhere, At: time.Now(), TokensExpireBy: time.Now().Add(10 * time.Minute)}
					if i%2 == 0 {
						r.SessionID, r.Sessions = uuid.NewString(), nil
					}
					if err := store.AddPending(ctx, r); err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					ids = append(ids, r.ID)
					mu.Unlock()
				})
			}
			wg.Wait()
			got, err := store.Pending(ctx)
			if err != nil || len(got) != len(before)+24 {
				t.Fatalf("%d pending, %v; want %d", len(got), err, len(before)+24)
			}
			for _, id := range ids[:12] {
				if err := store.RemovePending(ctx, id); err != nil {
					t.Fatal(err)
				}
			}
			got, _ = store.Pending(ctx)
			for _, r := range got {
				if slices.Contains(ids[:12], r.ID) {
					t.Fatalf("%s still pending after its removal", r.ID)
				}
			}
			if len(got) != len(before)+12 {
				t.Fatalf("%d pending, want %d", len(got), len(before)+12)
			}
			for _, id := range ids[12:] {
				_ = store.RemovePending(ctx, id)
			}
		})
	}
}
