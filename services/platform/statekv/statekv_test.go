package statekv_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/statekv"
)

func TestWritesAreGuardedByETagOrCreation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := statekv.NewMemory(nil)
	if err := s.Set(ctx, "k", []byte(`1`), statekv.SetOptions{Create: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.Set(ctx, "k", []byte(`2`), statekv.SetOptions{Create: true}); !errors.Is(err, statekv.ErrConflict) {
		t.Fatalf("second creation: %v", err)
	}
	it, _ := s.Get(ctx, "k")
	if err := s.Set(ctx, "k", []byte(`3`), statekv.SetOptions{ETag: it.ETag}); err != nil {
		t.Fatal(err)
	}
	if err := s.Set(ctx, "k", []byte(`4`), statekv.SetOptions{ETag: it.ETag}); !errors.Is(err, statekv.ErrConflict) {
		t.Fatalf("stale ETag: %v", err)
	}
	if err := s.Delete(ctx, "k", it.ETag); !errors.Is(err, statekv.ErrConflict) {
		t.Fatalf("stale delete: %v", err)
	}
	if err := s.Delete(ctx, "missing", ""); err != nil {
		t.Fatalf("deleting nothing: %v", err)
	}
}

func TestTTLHidesExpiredDocuments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	s := statekv.NewMemory(func() time.Time { return now })
	_ = s.Set(ctx, "k", []byte(`1`), statekv.SetOptions{TTL: time.Minute})
	now = now.Add(time.Minute)
	if it, _ := s.Get(ctx, "k"); it.Exists() {
		t.Fatal("an expired document is still read")
	}
	if err := s.Set(ctx, "k", []byte(`2`), statekv.SetOptions{Create: true}); err != nil {
		t.Fatalf("creating over an expired document: %v", err)
	}
}

// Concurrent updates of one document all land: each loses races and
// retries on the fresh document.
func TestUpdateRetriesLostRaces(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := statekv.NewMemory(nil)
	type counter struct{ N int }
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			for range 10 {
				if _, err := statekv.Update(ctx, s, "c", func(c *counter, _ bool) (time.Duration, error) {
					c.N++
					return 0, nil
				}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	var c counter
	if _, err := statekv.GetJSON(ctx, s, "c", &c); err != nil || c.N != 100 {
		t.Fatalf("counter %d, %v; want 100", c.N, err)
	}
	got, err := statekv.Update(ctx, s, "c", func(c *counter, _ bool) (time.Duration, error) { return 0, statekv.ErrNoChange })
	if err != nil || got.N != 100 {
		t.Fatalf("no-change update: %+v %v", got, err)
	}
}
