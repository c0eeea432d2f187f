package outbox_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/metrics"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
)

func TestPassPublishesInCreationOrder(t *testing.T) {
	t.Parallel()
	db, _ := newDB(t)
	evs := appendEvents(t, db, 5)
	broker := &fakeBroker{}
	relay := outbox.NewRelay(db, broker, discard(), outbox.RelayOptions{})

	sent, err := relay.Pass(t.Context())
	if err != nil || sent != 5 {
		t.Fatalf("Pass = %d, %v; want 5, nil", sent, err)
	}
	if got := broker.ids(); !slices.Equal(got, ids(evs)) {
		t.Fatalf("published %v, want creation order %v", got, ids(evs))
	}
	for i, d := range broker.delivered {
		if d.pubsub != "pubsub" || d.topic != []string{"tasks", "task-activity"}[i%2] {
			t.Fatalf("event %d went to %s/%s", i, d.pubsub, d.topic)
		}
		var data struct{ N int }
		if err := d.event.Decode(&data); err != nil || data.N != i || d.event.Subject != evs[i].Subject {
			t.Fatalf("event %d arrived changed: %+v", i, d.event)
		}
	}
	for _, ev := range evs {
		if r := rowOf(t, db, ev.ID); !r.Published || r.Attempts != 1 || r.LastError != nil {
			t.Fatalf("row after publish: %+v", r)
		}
	}

	if sent, err := relay.Pass(t.Context()); err != nil || sent != 0 {
		t.Fatalf("second Pass = %d, %v; want nothing to send", sent, err)
	}
	if n := len(broker.ids()); n != 5 {
		t.Fatalf("published events were sent again: %d deliveries", n)
	}
}

func TestPassRespectsBatchSize(t *testing.T) {
	t.Parallel()
	db, _ := newDB(t)
	evs := appendEvents(t, db, 5)
	broker := &fakeBroker{}
	relay := outbox.NewRelay(db, broker, discard(), outbox.RelayOptions{BatchSize: 2})
	for _, want := range []int{2, 2, 1, 0} {
		if sent, err := relay.Pass(t.Context()); err != nil || sent != want {
			t.Fatalf("Pass = %d, %v; want %d", sent, err, want)
		}
	}
	if got := broker.ids(); !slices.Equal(got, ids(evs)) {
		t.Fatalf("published %v, want %v", got, ids(evs))
	}
}

func TestPassStopsAtFirstFailure(t *testing.T) {
	t.Parallel()
	db, _ := newDB(t)
	evs := appendEvents(t, db, 5)
	errBroker := errors.New("pubsub component: connection reset")
	broker := &fakeBroker{}
	broker.setFail(func(ev events.Event) error {
		if ev.ID == evs[2].ID {
			return errBroker
		}
		return nil
	})
	reg := metrics.New("tasks")
	relay := outbox.NewRelay(db, broker, discard(), outbox.RelayOptions{})
	reg.Register(relay.Collectors()...)

	sent, err := relay.Pass(t.Context())
	if sent != 2 || !errors.Is(err, errBroker) {
		t.Fatalf("Pass = %d, %v; want 2 and the broker's error", sent, err)
	}
	if got := broker.ids(); !slices.Equal(got, ids(evs[:2])) {
		t.Fatalf("published %v, want only the first two", got)
	}
	for i, ev := range evs {
		r := rowOf(t, db, ev.ID)
		switch {
		case i < 2:
			if !r.Published {
				t.Fatalf("event %d before the failure not marked published: %+v", i, r)
			}
		case i == 2:
			if r.Published || r.Attempts != 1 || r.LastError == nil || !strings.Contains(*r.LastError, "connection reset") {
				t.Fatalf("failed event %d does not show the failure to operators: %+v", i, r)
			}
		default:
			if r.Published || r.Attempts != 0 || r.LastError != nil {
				t.Fatalf("event %d after the failure was touched: %+v", i, r)
			}
		}
	}
	if got := gauge(t, reg, "outbox_pending_events"); got != 3 {
		t.Fatalf("outbox_pending_events = %v, want 3", got)
	}
	if got := gauge(t, reg, "outbox_publish_failures_total"); got != 1 {
		t.Fatalf("outbox_publish_failures_total = %v, want 1", got)
	}

	broker.setFail(nil) // the broker recovers
	if sent, err := relay.Pass(t.Context()); err != nil || sent != 3 {
		t.Fatalf("Pass after recovery = %d, %v; want 3", sent, err)
	}
	if got := broker.ids(); !slices.Equal(got, ids(evs)) {
		t.Fatalf("published %v, want every event once in order %v", got, ids(evs))
	}
	if r := rowOf(t, db, evs[2].ID); !r.Published || r.Attempts != 2 || r.LastError != nil {
		t.Fatalf("retried event: %+v, want published after 2 attempts with the error cleared", r)
	}
	if got := gauge(t, reg, "outbox_pending_events"); got != 0 {
		t.Fatalf("outbox_pending_events = %v after recovery, want 0", got)
	}
	if got := gauge(t, reg, "outbox_published_total"); got != 5 {
		t.Fatalf("outbox_published_total = %v, want 5", got)
	}
}

// gauge reads one relay metric from the service registry; it must carry the
// service label like every other series of the service.
func gauge(t *testing.T, reg *metrics.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		m := mf.GetMetric()[0]
		labelled := false
		for _, l := range m.GetLabel() {
			labelled = labelled || (l.GetName() == "service" && l.GetValue() == "tasks")
		}
		if !labelled {
			t.Fatalf("%s lacks the service label: %v", name, m.GetLabel())
		}
		if m.GetCounter() != nil {
			return m.GetCounter().GetValue()
		}
		return m.GetGauge().GetValue()
	}
	t.Fatalf("metric %s not exposed", name)
	return 0
}

func TestConcurrentRelaysPublishEachEventOnce(t *testing.T) {
	t.Parallel()
	db, _ := newDB(t)
	const n = 120
	evs := appendEvents(t, db, n)

	broker := &fakeBroker{}
	var stops []func() error
	for range 2 { // two replicas of the service
		relay := outbox.NewRelay(db, broker, discard(), outbox.RelayOptions{BatchSize: 7, PollInterval: 20 * time.Millisecond})
		stops = append(stops, runRelay(t, relay))
	}
	waitFor(t, "every event is published", func() bool {
		return countRows(t, db, `SELECT count(*) FROM outbox_events WHERE published_at IS NULL`) == 0
	})
	for _, stop := range stops {
		if err := stop(); err != nil {
			t.Fatalf("relay Run: %v", err)
		}
	}

	got := broker.ids()
	if len(got) != n {
		t.Fatalf("%d deliveries for %d events", len(got), n)
	}
	seen := map[string]bool{}
	for _, id := range got {
		if seen[id] {
			t.Fatalf("event %s published twice", id)
		}
		seen[id] = true
	}
	for _, ev := range evs {
		if !seen[ev.ID] {
			t.Fatalf("event %s never published", ev.ID)
		}
	}
}

func TestRunWakesOnNotify(t *testing.T) {
	t.Parallel()
	db, dsn := newDB(t)
	broker := &fakeBroker{}
	// With a one-minute poll, only the LISTEN/NOTIFY path can publish in time.
	relay := outbox.NewRelay(db, broker, discard(), outbox.RelayOptions{PollInterval: time.Minute, ListenDSN: dsn})
	stop := runRelay(t, relay)

	for i := range 3 {
		ev := appendEvents(t, db, 1)[0]
		waitFor(t, fmt.Sprintf("event %d is published without waiting for the poll", i+1), func() bool { return broker.has(ev.ID) })
	}
	if err := stop(); err != nil {
		t.Fatalf("Run after cancel: %v", err)
	}
}

func TestRunRetriesAfterBrokerFailure(t *testing.T) {
	t.Parallel()
	db, _ := newDB(t)
	evs := appendEvents(t, db, 3)
	broker := &fakeBroker{}
	var mu sync.Mutex
	failures := 0
	broker.setFail(func(ev events.Event) error {
		mu.Lock()
		defer mu.Unlock()
		if ev.ID == evs[1].ID && failures < 2 {
			failures++
			return errors.New("broker unavailable")
		}
		return nil
	})
	relay := outbox.NewRelay(db, broker, discard(), outbox.RelayOptions{PollInterval: time.Minute, MaxBackoff: 500 * time.Millisecond})
	stop := runRelay(t, relay)

	waitFor(t, "the relay retries and publishes everything", func() bool { return len(broker.ids()) == 3 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if got := broker.ids(); !slices.Equal(got, ids(evs)) {
		t.Fatalf("published %v, want %v", got, ids(evs))
	}
	if r := rowOf(t, db, evs[1].ID); r.Attempts != 3 {
		t.Fatalf("event that failed twice shows %d attempts, want 3", r.Attempts)
	}
}

// A dropped LISTEN connection (database restart, idle-connection reaper)
// must not leave events committed while it reconnects waiting for the poll.
func TestRunCatchesUpAfterListenerReconnect(t *testing.T) {
	t.Parallel()
	db, dsn := newDB(t)
	broker := &fakeBroker{}
	relay := outbox.NewRelay(db, broker, discard(), outbox.RelayOptions{PollInterval: time.Minute, ListenDSN: dsn})
	stop := runRelay(t, relay)

	listenerPID := func() int64 {
		return countRows(t, db, `SELECT coalesce(max(pid), 0) FROM pg_stat_activity
			WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`)
	}
	waitFor(t, "the relay listens", func() bool { return listenerPID() != 0 })
	if n := countRows(t, db, `SELECT count(*) FROM (SELECT pg_terminate_backend(?) AS ok) AS t WHERE ok`, listenerPID()); n != 1 {
		t.Fatal("could not terminate the listener")
	}
	ev := appendEvents(t, db, 1)[0] // committed while the listener is gone

	waitFor(t, "the event committed during the reconnect is published", func() bool { return broker.has(ev.ID) })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}
