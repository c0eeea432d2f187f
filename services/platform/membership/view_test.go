package membership

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/events"
)

func TestAHeldProjectIsAnsweredWithoutACall(t *testing.T) {
	t.Parallel()
	w := newWorld()
	w.create(t, id(1), id(10))
	w.add(t, id(1), id(11))
	v := NewWithSource(w, Options{})
	mustRole(t, v, id(1), id(10), RoleOwner)
	mustRole(t, v, id(1), id(11), RoleParticipant)
	mustRole(t, v, id(1), id(10), RoleOwner)
	if n := w.callCount(); n != 1 {
		t.Fatalf("%d calls to the projects service, want 1", n)
	}
}

// The view admits from memory but refuses only after asking: someone who
// joined, or a project unarchived, while the event is still on its way
// is not refused for it.
func TestARefusalIsConfirmedWithTheProjectsService(t *testing.T) {
	t.Parallel()
	w := newWorld()
	w.create(t, id(1), id(10))
	v := NewWithSource(w, Options{})
	mustRole(t, v, id(1), id(10), RoleOwner)
	w.add(t, id(1), id(11)) // its event has not arrived
	mustRole(t, v, id(1), id(11), RoleParticipant)
	mustRole(t, v, id(1), id(12), "")
	if n := w.callCount(); n != 3 {
		t.Fatalf("%d calls, want 3: each refusal from memory is asked again", n)
	}

	w.archive(t, id(1), true)
	deliver(t, v, w.archive(t, id(1), false)) // the archiving's event is lost: a gap
	m, err := v.Confirm(context.Background(), id(1), id(11))
	if err != nil || m.Archived || m.Role != RoleParticipant {
		t.Fatalf("confirmed %+v, %v; want a participant of a live project", m, err)
	}
}

// A confirmation does not take an answer from a call that began before
// it was asked: that call may have read the project before the change.
func TestAConfirmationWaitsForACallBegunAfterIt(t *testing.T) {
	t.Parallel()
	w := newWorld()
	w.create(t, id(1), id(10))
	v := NewWithSource(w, Options{})
	inCall, release := make(chan struct{}), make(chan struct{})
	w.inFlight = func(n int) {
		if n == 1 {
			close(inCall)
			<-release
		}
	}
	first := make(chan error)
	go func() { _, err := v.Membership(context.Background(), id(1), id(10)); first <- err }()
	<-inCall // the first call has read the project
	w.add(t, id(1), id(11))
	confirmed := make(chan Membership)
	go func() { m, _ := v.Confirm(context.Background(), id(1), id(11)); confirmed <- m }()
	if m := <-confirmed; m.Role != RoleParticipant {
		t.Fatalf("confirmed %+v, want the participant who joined before the confirmation", m)
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	mustRole(t, v, id(1), id(11), RoleParticipant) // the older answer did not replace the newer one
	if n := w.callCount(); n != 2 {
		t.Fatalf("%d calls, want 2", n)
	}
}

func TestConcurrentMissesShareOneCall(t *testing.T) {
	t.Parallel()
	w := newWorld()
	w.create(t, id(1), id(10))
	release := make(chan struct{})
	w.inFlight = func(int) { <-release }
	v := NewWithSource(w, Options{})
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() { mustRole(t, v, id(1), id(10), RoleOwner) })
	}
	time.Sleep(50 * time.Millisecond) // let every lookup reach the flight
	close(release)
	wg.Wait()
	if n := w.callCount(); n != 1 {
		t.Fatalf("%d calls for 20 concurrent misses, want 1", n)
	}
}

// The removal that arrives while the view's call is on its way back wins:
// the older answer is not kept, and the call is made again.
func TestAnEventArrivingDuringTheFallbackCallWins(t *testing.T) {
	t.Parallel()
	w := newWorld()
	w.create(t, id(1), id(10))
	w.add(t, id(1), id(11))
	v := NewWithSource(w, Options{})
	w.inFlight = func(n int) {
		if n == 1 {
			deliver(t, v, w.remove(t, id(1), id(11)))
		}
	}
	mustRole(t, v, id(1), id(11), "")
	if n := w.callCount(); n != 2 {
		t.Fatalf("%d calls, want 2 (the first answer was older than the event)", n)
	}
	mustRole(t, v, id(1), id(10), RoleOwner)
	if n := w.callCount(); n != 2 {
		t.Fatalf("%d calls after the reload, want it held", n)
	}
}

func TestAProjectThatKeepsChangingDuringEveryCallIsUnavailable(t *testing.T) {
	t.Parallel()
	w := newWorld()
	w.create(t, id(1), id(10))
	v := NewWithSource(w, Options{})
	w.inFlight = func(int) { deliver(t, v, w.rename(t, id(1))) }
	if _, err := v.Membership(context.Background(), id(1), id(10)); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err %v, want ErrUnavailable", err)
	}
	if n := w.callCount(); n != maxAttempts {
		t.Fatalf("%d calls, want %d", n, maxAttempts)
	}
}

func TestEventsKeepAHeldProjectCurrent(t *testing.T) {
	t.Parallel()
	pid, owner, bob, carl := id(1), id(10), id(11), id(12)
	tests := []struct {
		name   string
		change func(w *world) []events.Event // delivered in order
		want   map[string]string             // user -> role ("" for none)
		arch   bool
	}{
		{"member-added", func(w *world) []events.Event { return []events.Event{w.add(t, pid, carl)} },
			map[string]string{carl: RoleParticipant, bob: RoleParticipant}, false},
		{"member-removed", func(w *world) []events.Event { return []events.Event{w.remove(t, pid, bob)} },
			map[string]string{bob: "", owner: RoleOwner}, false},
		{"ownership-transferred", func(w *world) []events.Event { return []events.Event{w.transfer(t, pid, owner, bob)} },
			map[string]string{bob: RoleOwner, owner: RoleParticipant}, false},
		{"archived", func(w *world) []events.Event { return []events.Event{w.archive(t, pid, true)} },
			map[string]string{bob: RoleParticipant}, true},
		{"archived-then-unarchived", func(w *world) []events.Event {
			return []events.Event{w.archive(t, pid, true), w.archive(t, pid, false)}
		},
			map[string]string{bob: RoleParticipant}, false},
		{"removed-redelivered-add-ignored", func(w *world) []events.Event {
			added := w.add(t, pid, carl)
			return []events.Event{added, w.remove(t, pid, carl), added}
		}, map[string]string{carl: ""}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld()
			w.create(t, pid, owner)
			w.add(t, pid, bob)
			v := NewWithSource(w, Options{})
			mustRole(t, v, pid, owner, RoleOwner)
			for _, ev := range tc.change(w) {
				deliver(t, v, ev)
			}
			v.mu.Lock()
			s, held := v.projects.Peek(pid)
			v.mu.Unlock()
			if !held {
				t.Fatal("the project was dropped: events should have kept it current")
			}
			for uid, role := range tc.want {
				if got := s.members[uid]; got != role {
					t.Fatalf("held role of %s: %q, want %q", uid, got, role)
				}
				mustRole(t, v, pid, uid, role)
			}
			if s.archived != tc.arch {
				t.Fatalf("held archived %v, want %v", s.archived, tc.arch)
			}
		})
	}
}

func TestAnEventOutOfOrderDropsTheProjectUntilItIsLoadedAgain(t *testing.T) {
	t.Parallel()
	pid, owner, bob := id(1), id(10), id(11)
	w := newWorld()
	w.create(t, pid, owner)
	v := NewWithSource(w, Options{})
	mustRole(t, v, pid, owner, RoleOwner)
	added := w.add(t, pid, bob)      // version 2, delayed
	removed := w.remove(t, pid, bob) // version 3, arrives first
	deliver(t, v, removed, added)    // the late "added" must not bring bob back
	v.mu.Lock()
	_, held := v.projects.Peek(pid)
	v.mu.Unlock()
	if held {
		t.Fatal("the project is still held: the gap should have dropped it")
	}
	mustRole(t, v, pid, bob, "")
}

func TestADeletedProjectIsNotFound(t *testing.T) {
	t.Parallel()
	pid, owner := id(1), id(10)
	w := newWorld()
	w.create(t, pid, owner)
	v := NewWithSource(w, Options{})
	mustRole(t, v, pid, owner, RoleOwner)
	deliver(t, v, w.del(t, pid))
	mustRole(t, v, pid, owner, "")
	if _, err := v.Members(context.Background(), pid); !errors.Is(err, ErrNotFound) {
		t.Fatalf("members of a deleted project: %v", err)
	}
}

func TestAnUnversionedEventDropsWhatItConcerns(t *testing.T) {
	t.Parallel()
	pid, owner := id(1), id(10)
	w := newWorld()
	w.create(t, pid, owner)
	v := NewWithSource(w, Options{})
	mustRole(t, v, pid, owner, RoleOwner)
	ev := w.remove(t, pid, owner) // the truth changes; the event carries no version
	ev.Data = []byte(`{"projectId":"` + pid + `","userId":"` + owner + `"}`)
	deliver(t, v, ev)
	mustRole(t, v, pid, owner, "")
}

func TestAFailedCallIsUnavailableAndNotKept(t *testing.T) {
	t.Parallel()
	w := newWorld()
	w.create(t, id(1), id(10))
	w.fail = errors.New("connection refused")
	v := NewWithSource(w, Options{})
	if _, err := v.Membership(context.Background(), id(1), id(10)); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err %v, want ErrUnavailable", err)
	}
	w.fail = nil
	mustRole(t, v, id(1), id(10), RoleOwner)
}

func TestAnswersOlderThanMaxAgeAreAskedAgain(t *testing.T) {
	t.Parallel()
	now := time.Now()
	clock := func() time.Time { return now }
	w := newWorld()
	w.create(t, id(1), id(10))
	v := NewWithSource(w, Options{MaxAge: time.Minute, Now: func() time.Time { return clock() }})
	mustRole(t, v, id(1), id(10), RoleOwner)
	now = now.Add(2 * time.Minute)
	w.remove(t, id(1), id(10)) // and the event is lost
	mustRole(t, v, id(1), id(10), "")
}

func TestMemoryStaysWithinMaxEntries(t *testing.T) {
	t.Parallel()
	w := newWorld()
	for p := range 50 {
		w.create(t, id(p), id(1000))
		for u := range 5 {
			w.add(t, id(p), id(100+u))
		}
	}
	v := NewWithSource(w, Options{MaxEntries: 20}) // 2 projects of 6 members (7 rows each)
	for p := range 50 {
		mustRole(t, v, id(p), id(102), RoleParticipant)
	}
	v.mu.Lock()
	total, held := v.projects.Weight(), v.projects.Len()
	v.mu.Unlock()
	if total > 20 || held != 2 {
		t.Fatalf("%d rows in %d projects held, want at most 20 in 2", total, held)
	}
}

// Right after start the subscription may not deliver yet, so what is
// loaded then is asked again soon; later it is kept until MaxAge.
func TestAnswersLoadedDuringWarmupAreKeptBriefly(t *testing.T) {
	t.Parallel()
	now := time.Now()
	w := newWorld()
	w.create(t, id(1), id(10))
	v := NewWithSource(w, Options{Warmup: 30 * time.Second, Now: func() time.Time { return now }})
	mustRole(t, v, id(1), id(10), RoleOwner)
	now = now.Add(warmupAge + time.Second)
	mustRole(t, v, id(1), id(10), RoleOwner)
	if n := w.callCount(); n != 2 {
		t.Fatalf("%d calls, want 2: an answer loaded during warm-up is asked again after %s", n, warmupAge)
	}
	now = now.Add(time.Minute) // past warm-up: kept
	mustRole(t, v, id(1), id(10), RoleOwner)
	now = now.Add(time.Minute)
	mustRole(t, v, id(1), id(10), RoleOwner)
	if n := w.callCount(); n != 3 {
		t.Fatalf("%d calls, want 3", n)
	}
}
