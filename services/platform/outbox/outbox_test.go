package outbox_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
)

func TestAppend(t *testing.T) {
	t.Parallel()
	t.Run("append-committed-with-the-change", func(t *testing.T) {
		t.Parallel()
		db, _ := newDB(t)
		ev := appendEvents(t, db, 1)[0]
		r := rowOf(t, db, ev.ID)
		if r.Published || r.Attempts != 0 || r.EventType != "task.created.v1" || r.Topic != "tasks" || r.PayloadType != "task.created.v1" {
			t.Fatalf("stored row %+v", r)
		}
	})
	t.Run("append-rolled-back-leaves-nothing", func(t *testing.T) {
		t.Parallel()
		db, _ := newDB(t)
		if err := db.Exec(`CREATE TABLE tasks (id text PRIMARY KEY)`).Error; err != nil {
			t.Fatal(err)
		}
		ev, err := events.New("tasks", "task.created.v1", "task/1", nil)
		if err != nil {
			t.Fatal(err)
		}
		errValidation := errors.New("title is required")
		err = db.Transaction(func(tx *gorm.DB) error {
			if err := tx.Exec(`INSERT INTO tasks (id) VALUES ('1')`).Error; err != nil {
				return err
			}
			if err := outbox.Append(t.Context(), tx, "pubsub", "tasks", ev); err != nil {
				return err
			}
			return errValidation // the use case fails after appending
		})
		if !errors.Is(err, errValidation) {
			t.Fatalf("transaction: %v", err)
		}
		if n := countRows(t, db, `SELECT count(*) FROM outbox_events`); n != 0 {
			t.Fatalf("%d outbox rows survived the rollback", n)
		}
		broker := &fakeBroker{}
		if sent, err := outbox.NewRelay(db, broker, discard(), outbox.RelayOptions{}).Pass(t.Context()); err != nil || sent != 0 {
			t.Fatalf("relay after rollback: %d, %v", sent, err)
		}
	})
	t.Run("append-duplicate-event-id-fails", func(t *testing.T) {
		t.Parallel()
		db, _ := newDB(t)
		ev := appendEvents(t, db, 1)[0]
		err := db.Transaction(func(tx *gorm.DB) error {
			return outbox.Append(t.Context(), tx, "pubsub", "tasks", ev)
		})
		if !errors.Is(err, gorm.ErrDuplicatedKey) {
			t.Fatalf("second Append of event %s: %v, want a duplicate key error", ev.ID, err)
		}
	})
}

// newInbox is a consumer-side table the applied events change.
func newInbox(t *testing.T) *gorm.DB {
	t.Helper()
	db, _ := newDB(t)
	if err := db.Exec(`CREATE TABLE task_counts (project text PRIMARY KEY, n int NOT NULL)`).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(`INSERT INTO task_counts VALUES ('p1', 0)`).Error; err != nil {
		t.Fatal(err)
	}
	return db
}

func taskCount(t *testing.T, db *gorm.DB) int64 {
	t.Helper()
	return countRows(t, db, `SELECT n FROM task_counts WHERE project = 'p1'`)
}

func increment(tx *gorm.DB) error {
	return tx.Exec(`UPDATE task_counts SET n = n + 1 WHERE project = 'p1'`).Error
}

func TestConsume(t *testing.T) {
	t.Parallel()
	t.Run("consume-applies-once-per-event", func(t *testing.T) {
		t.Parallel()
		db := newInbox(t)
		var calls atomic.Int32
		apply := func(tx *gorm.DB) error { calls.Add(1); return increment(tx) }
		for range 3 { // at-least-once delivery: the same event three times
			if err := outbox.Consume(t.Context(), db, "search", "evt-1", apply); err != nil {
				t.Fatal(err)
			}
		}
		if n := taskCount(t, db); n != 1 || calls.Load() != 1 {
			t.Fatalf("redelivered event applied: count %d, apply called %d times", n, calls.Load())
		}
		if err := outbox.Consume(t.Context(), db, "search", "evt-2", apply); err != nil {
			t.Fatal(err)
		}
		if n := taskCount(t, db); n != 2 {
			t.Fatalf("a new event was not applied: count %d", n)
		}
	})
	t.Run("consume-is-per-consumer", func(t *testing.T) {
		t.Parallel()
		db := newInbox(t)
		for _, consumer := range []string{"search", "notifications"} {
			if err := outbox.Consume(t.Context(), db, consumer, "evt-1", increment); err != nil {
				t.Fatal(err)
			}
		}
		if n := taskCount(t, db); n != 2 {
			t.Fatalf("one consumer's record hid the event from another: count %d", n)
		}
	})
	t.Run("consume-apply-error-allows-redelivery", func(t *testing.T) {
		t.Parallel()
		db := newInbox(t)
		errApply := errors.New("project not found yet")
		err := outbox.Consume(t.Context(), db, "search", "evt-1", func(tx *gorm.DB) error {
			if err := increment(tx); err != nil {
				return err
			}
			return errApply
		})
		if !errors.Is(err, errApply) {
			t.Fatalf("Consume = %v, want the apply error", err)
		}
		if n := taskCount(t, db); n != 0 {
			t.Fatalf("changes of the failed apply were kept: count %d", n)
		}
		if n := countRows(t, db, `SELECT count(*) FROM processed_events`); n != 0 {
			t.Fatalf("failed event recorded as processed (%d rows): its redelivery would be skipped", n)
		}
		if err := outbox.Consume(t.Context(), db, "search", "evt-1", increment); err != nil {
			t.Fatal(err)
		}
		if n := taskCount(t, db); n != 1 {
			t.Fatalf("redelivery after a failure was not applied: count %d", n)
		}
	})
	t.Run("consume-concurrent-duplicates-apply-once", func(t *testing.T) {
		t.Parallel()
		db := newInbox(t)
		var calls atomic.Int32
		var wg sync.WaitGroup
		errs := make([]error, 5)
		for i := range errs {
			wg.Go(func() {
				errs[i] = outbox.Consume(t.Context(), db, "search", "evt-1", func(tx *gorm.DB) error {
					calls.Add(1)
					return increment(tx)
				})
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if n := taskCount(t, db); n != 1 || calls.Load() != 1 {
			t.Fatalf("parallel redeliveries: count %d, apply called %d times", n, calls.Load())
		}
	})
}
