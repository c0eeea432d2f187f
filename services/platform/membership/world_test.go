package membership

import (
	"context"
	"fmt"
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
)

// world plays the projects service: the truth about projects, the events
// each change publishes (numbered per project like the real service), and
// the answers of its internal contract (Source).
type world struct {
	mu       sync.Mutex
	projects map[string]*worldProject
	calls    int
	// inFlight runs inside a call after the answer was read, as if events
	// arrived while it travelled back; n counts the calls from 1.
	inFlight func(n int)
	fail     error
}

type worldProject struct {
	version  int64
	archived bool
	members  map[string]string
}

func newWorld() *world { return &world{projects: map[string]*worldProject{}} }

func (w *world) ProjectMembers(_ context.Context, id string) (contracts.ProjectMembers, error) {
	w.mu.Lock()
	w.calls++
	n, hook, fail := w.calls, w.inFlight, w.fail
	p, ok := w.projects[id]
	var pm contracts.ProjectMembers
	if ok {
		pm = contracts.ProjectMembers{ProjectID: id, Version: p.version, Archived: p.archived}
		for uid, role := range p.members {
			pm.Members = append(pm.Members, contracts.ProjectMember{UserID: uid, Role: role})
		}
	}
	w.mu.Unlock()
	if hook != nil {
		hook(n)
	}
	switch {
	case fail != nil:
		return contracts.ProjectMembers{}, fail
	case !ok:
		return contracts.ProjectMembers{}, ErrNotFound
	}
	return pm, nil
}

func (w *world) UserProjects(_ context.Context, uid string) (contracts.UserProjects, error) {
	w.mu.Lock()
	w.calls++
	n, hook, fail := w.calls, w.inFlight, w.fail
	up := contracts.UserProjects{UserID: uid, Projects: []contracts.Membership{}}
	for id, p := range w.projects {
		if role, ok := p.members[uid]; ok {
			up.Projects = append(up.Projects, contracts.Membership{ProjectID: id, UserID: uid, Role: role, Archived: p.archived, Version: p.version})
		}
	}
	w.mu.Unlock()
	if hook != nil {
		hook(n)
	}
	if fail != nil {
		return contracts.UserProjects{}, fail
	}
	return up, nil
}

func (w *world) callCount() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.calls
}

// change applies one change to the truth and returns its event.
func (w *world) change(t testing.TB, typ, pid string, payload map[string]any, apply func(p *worldProject)) events.Event {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	p := w.projects[pid]
	if p == nil {
		p = &worldProject{members: map[string]string{}}
		w.projects[pid] = p
	}
	p.version++
	payload["projectId"], payload["projectVersion"] = pid, p.version
	payload["actor"] = map[string]string{"userId": "01900000-0000-7000-8000-0000000000ff"}
	payload["occurredAt"] = time.Now().UTC()
	apply(p)
	if typ == contracts.EventProjectDeleted {
		delete(w.projects, pid)
	}
	ev, err := events.New("/projects", typ, pid, payload)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func (w *world) create(t testing.TB, pid, owner string) events.Event {
	return w.change(t, contracts.EventProjectCreated, pid, map[string]any{"ownerId": owner, "name": "P", "key": "PK"},
		func(p *worldProject) { p.members[owner] = RoleOwner })
}

func (w *world) add(t testing.TB, pid, uid string) events.Event {
	return w.change(t, contracts.EventProjectMemberAdded, pid, map[string]any{"userId": uid, "role": RoleParticipant},
		func(p *worldProject) { p.members[uid] = RoleParticipant })
}

func (w *world) remove(t testing.TB, pid, uid string) events.Event {
	return w.change(t, contracts.EventProjectMemberRemoved, pid, map[string]any{"userId": uid, "reason": "removed"},
		func(p *worldProject) { delete(p.members, uid) })
}

func (w *world) transfer(t testing.TB, pid, from, to string) events.Event {
	return w.change(t, contracts.EventProjectOwnershipTransferred, pid, map[string]any{"previousOwnerId": from, "newOwnerId": to},
		func(p *worldProject) { p.members[from], p.members[to] = RoleParticipant, RoleOwner })
}

func (w *world) archive(t testing.TB, pid string, archived bool) events.Event {
	typ := contracts.EventProjectUnarchived
	if archived {
		typ = contracts.EventProjectArchived
	}
	return w.change(t, typ, pid, map[string]any{}, func(p *worldProject) { p.archived = archived })
}

func (w *world) rename(t testing.TB, pid string) events.Event {
	return w.change(t, contracts.EventProjectUpdated, pid, map[string]any{"name": "Q", "key": "QK", "changed": []string{"name"}},
		func(*worldProject) {})
}

func (w *world) del(t testing.TB, pid string) events.Event {
	w.mu.Lock()
	ids := make([]string, 0)
	if p := w.projects[pid]; p != nil {
		ids = append(ids, slicesOf(p.members)...)
	}
	w.mu.Unlock()
	return w.change(t, contracts.EventProjectDeleted, pid, map[string]any{"name": "P", "memberIds": ids}, func(*worldProject) {})
}

func slicesOf(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range maps.Keys(m) {
		out = append(out, k)
	}
	return out
}

// truth is what a lookup should answer now.
func (w *world) truth(pid, uid string) (string, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	p, ok := w.projects[pid]
	if !ok {
		return "", false
	}
	role, ok := p.members[uid]
	return role, ok
}

func id(n int) string { return fmt.Sprintf("01900000-0000-7000-8000-%012d", n) }

func deliver(t testing.TB, v *View, evs ...events.Event) {
	t.Helper()
	for _, ev := range evs {
		if err := v.Handle(context.Background(), ev); err != nil {
			t.Fatalf("deliver %s: %v", ev.Type, err)
		}
	}
}

func mustRole(t testing.TB, v *View, pid, uid, want string) {
	t.Helper()
	m, err := v.Membership(context.Background(), pid, uid)
	switch {
	case want == "" && err == ErrNotFound:
	case want == "":
		t.Fatalf("membership of %s in %s: %+v, %v; want not found", uid, pid, m, err)
	case err != nil || m.Role != want:
		t.Fatalf("membership of %s in %s: %+v, %v; want %s", uid, pid, m, err, want)
	}
}
