package membership

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/events"
)

// Whatever order and however often the events arrive, a membership is
// refused once the event that ended it has arrived, and once all events
// have arrived every answer is the projects service's.
func TestAnyDeliveryOrderEndsInTheTruth(t *testing.T) {
	t.Parallel()
	for seed := range uint64(150) {
		rng := rand.New(rand.NewPCG(seed, 7))
		w := newWorld()
		v := NewWithSource(w, Options{MaxEntries: 12})
		users := []string{id(10), id(11), id(12), id(13)}
		// Four project slots; a deleted project's slot gets a new id, as
		// ids are never reused.
		slots := []string{id(1), id(2), id(3), id(4)}
		alive := map[string]string{} // project -> owner
		var pending []events.Event
		// The last event that ended a membership, per project and user,
		// and the ids of the events delivered so far.
		ended, delivered := map[[2]string]string{}, map[string]bool{}
		for step := range 60 {
			slot := rng.IntN(len(slots))
			pid := slots[slot]
			uid := users[rng.IntN(len(users))]
			owner, exists := alive[pid]
			role, member := w.truth(pid, uid)
			switch op := rng.IntN(7); {
			case !exists:
				pending = append(pending, w.create(t, pid, uid))
				alive[pid] = uid
			case op == 0 && !member:
				pending = append(pending, w.add(t, pid, uid))
			case op == 1 && member && role != RoleOwner:
				ev := w.remove(t, pid, uid)
				pending = append(pending, ev)
				ended[[2]string{pid, uid}] = ev.ID
			case op == 2 && member && role != RoleOwner:
				pending = append(pending, w.transfer(t, pid, owner, uid))
				alive[pid] = uid
			case op == 3:
				pending = append(pending, w.archive(t, pid, rng.IntN(2) == 0))
			case op == 4 && step > 30:
				ev := w.del(t, pid)
				pending = append(pending, ev)
				for _, u := range users {
					ended[[2]string{pid, u}] = ev.ID
				}
				delete(alive, pid)
				slots[slot] = id(100 + step)
			}
			// Deliver some of what is pending, shuffled, one of them twice.
			rng.Shuffle(len(pending), func(i, j int) { pending[i], pending[j] = pending[j], pending[i] })
			n := rng.IntN(len(pending) + 1)
			deliver(t, v, pending[:n]...)
			for _, ev := range pending[:n] {
				delivered[ev.ID] = true
			}
			if n > 0 && rng.IntN(3) == 0 {
				deliver(t, v, pending[0])
			}
			pending = pending[n:]
			_, _ = v.Membership(context.Background(), slots[rng.IntN(len(slots))], users[rng.IntN(len(users))])
			for key, evID := range ended {
				if _, member := w.truth(key[0], key[1]); member || !delivered[evID] {
					continue
				}
				if m, err := v.Membership(context.Background(), key[0], key[1]); err == nil {
					t.Fatalf("seed %d step %d: %s admitted to %s as %s after the event that removed them", seed, step, key[1], key[0], m.Role)
				}
			}
		}
		deliver(t, v, pending...)
		for _, pid := range slots {
			for _, uid := range users {
				role, _ := w.truth(pid, uid)
				m, err := v.Membership(context.Background(), pid, uid)
				if got := m.Role; (err == nil) != (role != "") || got != role {
					t.Fatalf("seed %d: %s in project %s: %q, %v; want %q", seed, uid, pid, got, err, role)
				}
				if err == nil {
					want, _ := w.ProjectMembers(context.Background(), pid)
					if m.Archived != want.Archived {
						t.Fatalf("seed %d: project %s archived %v, want %v", seed, pid, m.Archived, want.Archived)
					}
				}
			}
		}
	}
}

func TestUserProjectsAreAlwaysAsked(t *testing.T) {
	t.Parallel()
	w := newWorld()
	ada, bob := id(10), id(11)
	w.create(t, id(1), ada)
	w.add(t, id(1), bob)
	w.create(t, id(2), bob)
	w.archive(t, id(2), true)
	v := NewWithSource(w, Options{})
	for range 2 {
		ms, err := v.UserProjects(context.Background(), bob)
		if err != nil || len(ms) != 2 {
			t.Fatalf("bob's projects %+v, %v", ms, err)
		}
		for _, m := range ms {
			if want := m.ProjectID == id(2); m.Archived != want || (m.Role == RoleOwner) != want {
				t.Fatalf("bob's membership %+v", m)
			}
		}
	}
	if n := w.callCount(); n != 2 {
		t.Fatalf("%d calls, want 2", n)
	}
}
