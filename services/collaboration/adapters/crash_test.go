package adapters

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/statekv"

	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

type published struct {
	mu  sync.Mutex
	ids []string
}

func (p *published) Publish(_ context.Context, _, _ string, raw []byte) error {
	ev, err := events.Parse(raw)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ids = append(p.ids, ev.ID)
	return nil
}

// A crash right after a comment was written (before it reached its
// conversation and before its event was published) loses nothing: the
// sweeper finds it through the outbox shards and finishes it; a sweep
// long after unlists it.
func TestSweeperFinishesAChangeInterruptedByACrash(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	kv := statekv.NewMemory(clock)
	pub := &published{}
	s := NewStore(kv, pub, clock)
	c := domain.Comment{ID: "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c40", ProjectID: "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3e",
		AuthorID: "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d", Body: "x", Version: 1, CreatedAt: now}
	ev, _ := events.New("/collaboration", "taskrocket.comment.created.v1", c.ID, map[string]string{})
	p, _ := pendingOf(ev, indexAdd)
	// What CreateComment writes before it finishes the change.
	if err := s.markDirty(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := statekv.SetJSON(ctx, kv, commentKey(c.ID), commentDoc{Comment: c, Pending: []pending{p}}, statekv.SetOptions{Create: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Comment(ctx, c.ID); err == nil {
		t.Fatal("an unfinished creation must not be visible")
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s.Sweep(ctx, log)
	if len(pub.ids) != 0 {
		t.Fatal("the sweeper took over a change young enough to be in progress")
	}
	now = now.Add(sweepAfter)
	if failed := s.Sweep(ctx, log); failed != 0 {
		t.Fatalf("sweep failed %d", failed)
	}
	st, err := s.Thread(ctx, c.Thread())
	if err != nil || len(st.IDs) != 1 || st.IDs[0] != c.ID {
		t.Fatalf("thread after the sweep %+v %v", st, err)
	}
	if _, err := s.Comment(ctx, c.ID); err != nil {
		t.Fatalf("the comment after the sweep: %v", err)
	}
	if len(pub.ids) != 1 || pub.ids[0] != ev.ID {
		t.Fatalf("published %v", pub.ids)
	}
	s.Sweep(ctx, log)
	if len(pub.ids) != 1 {
		t.Fatalf("a second sweep published again: %v", pub.ids)
	}
	now = now.Add(unlistAfter + time.Second)
	s.Sweep(ctx, log)
	var shard shardDoc
	if _, err := statekv.GetJSON(ctx, kv, shardKey(c.ID), &shard); err != nil || len(shard.Comments) != 0 {
		t.Fatalf("shard after the settle time %+v %v", shard, err)
	}
	raw, _ := kv.Get(ctx, commentKey(c.ID))
	var doc commentDoc
	_ = json.Unmarshal(raw.Value, &doc)
	if len(doc.Pending) != 0 {
		t.Fatalf("pending left %+v", doc.Pending)
	}
}
