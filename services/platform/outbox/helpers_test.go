package outbox_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"
	"github.com/taskrocket/taskrocket/services/platform/postgres"
)

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }

// newDB returns a fresh database with the outbox schema and its URL (for
// the relay's LISTEN connection).
func newDB(t *testing.T) (*gorm.DB, string) {
	t.Helper()
	dsn := pgtest.NewURL(t)
	db, err := postgres.Open(t.Context(), postgres.Config{
		URL: dsn, MaxOpenConns: 10, MaxIdleConns: 2, ConnLifetime: time.Minute, SlowQuery: time.Second,
	}, discard())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	if err := postgres.Migrate(t.Context(), db, outbox.Migrations()); err != nil {
		t.Fatal(err)
	}
	return db, dsn
}

// appendEvents commits n events, one transaction each, and returns them in
// the order they were stored.
func appendEvents(t *testing.T, db *gorm.DB, n int) []events.Event {
	t.Helper()
	out := make([]events.Event, 0, n)
	for i := range n {
		ev, err := events.New("tasks", "task.created.v1", fmt.Sprintf("task/%d", i), map[string]int{"n": i})
		if err != nil {
			t.Fatal(err)
		}
		topic := []string{"tasks", "task-activity"}[i%2]
		if err := db.Transaction(func(tx *gorm.DB) error {
			return outbox.Append(t.Context(), tx, "pubsub", topic, ev)
		}); err != nil {
			t.Fatal(err)
		}
		out = append(out, ev)
	}
	return out
}

func ids(evs []events.Event) []string {
	out := make([]string, len(evs))
	for i, ev := range evs {
		out[i] = ev.ID
	}
	return out
}

type delivery struct {
	pubsub, topic string
	event         events.Event
}

// fakeBroker is the sidecar's publish API. fail, when set, decides per
// event whether the broker refuses it.
type fakeBroker struct {
	mu        sync.Mutex
	delivered []delivery
	fail      func(ev events.Event) error
	notify    chan struct{} // receives after each delivery, if set
}

func (b *fakeBroker) Publish(_ context.Context, pubsub, topic string, cloudEvent []byte) error {
	ev, err := events.Parse(cloudEvent)
	if err != nil {
		return fmt.Errorf("broker got a malformed CloudEvent: %w", err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.fail != nil {
		if err := b.fail(ev); err != nil {
			return err
		}
	}
	b.delivered = append(b.delivered, delivery{pubsub, topic, ev})
	if b.notify != nil {
		select {
		case b.notify <- struct{}{}:
		default:
		}
	}
	return nil
}

func (b *fakeBroker) setFail(f func(ev events.Event) error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.fail = f
}

func (b *fakeBroker) ids() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]string, len(b.delivered))
	for i, d := range b.delivered {
		out[i] = d.event.ID
	}
	return out
}

func (b *fakeBroker) has(id string) bool { return slices.Contains(b.ids(), id) }

type outboxRow struct {
	ID          string
	Published   bool
	Attempts    int
	LastError   *string
	EventType   string
	Topic       string
	PayloadType string
}

func rowOf(t *testing.T, db *gorm.DB, id string) outboxRow {
	t.Helper()
	var r outboxRow
	if err := db.WithContext(t.Context()).Raw(`SELECT id, published_at IS NOT NULL AS published, attempts, last_error,
		event_type, topic, payload->>'type' AS payload_type FROM outbox_events WHERE id = ?`, id).Scan(&r).Error; err != nil {
		t.Fatal(err)
	}
	if r.ID == "" {
		t.Fatalf("no outbox row %s", id)
	}
	return r
}

func countRows(t *testing.T, db *gorm.DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.WithContext(t.Context()).Raw(query, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// waitFor polls cond; the deadline only guards against a hang.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// runRelay runs r in the background; stop cancels it and returns Run's result.
func runRelay(t *testing.T, r *outbox.Relay) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	var once sync.Once
	var result error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case result = <-done:
			case <-time.After(10 * time.Second):
				result = fmt.Errorf("relay did not stop after cancel")
			}
		})
		return result
	}
	t.Cleanup(func() { _ = stop() })
	return stop
}
