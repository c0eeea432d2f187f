package ports_test

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/apperr"

	"github.com/taskrocket/taskrocket/services/calendar/app"
)

// fakeProjects stands in for the membership view: who is a member of
// which project, and whether the project is archived.
type fakeProjects struct {
	mu       sync.Mutex
	members  map[string]map[string]bool
	archived map[string]bool
	down     bool
}

func newFakeProjects() *fakeProjects {
	return &fakeProjects{members: map[string]map[string]bool{}, archived: map[string]bool{}}
}

var errDown = apperr.Wrap(errors.New("connection refused"), apperr.KindUnavailable, "projects_unavailable", "down")

func (f *fakeProjects) Membership(ctx context.Context, projectID, userID string) (app.Member, error) {
	return f.Confirm(ctx, projectID, userID)
}

func (f *fakeProjects) Confirm(_ context.Context, projectID, userID string) (app.Member, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return app.Member{}, errDown
	}
	if !f.members[projectID][userID] {
		return app.Member{}, app.ErrNotMember
	}
	return app.Member{Role: "participant", Archived: f.archived[projectID]}, nil
}

func (f *fakeProjects) Members(_ context.Context, projectID string) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return nil, errDown
	}
	if f.members[projectID] == nil {
		return nil, app.ErrNotMember
	}
	var out []string
	for u := range f.members[projectID] {
		out = append(out, u)
	}
	return out, nil
}

func (f *fakeProjects) UserProjects(_ context.Context, userID string) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return nil, errDown
	}
	var out []string
	for pid, users := range f.members {
		if users[userID] {
			out = append(out, pid)
		}
	}
	return out, nil
}

// project creates a project of these members.
func (f *fakeProjects) project(members ...string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	pid := uuid.Must(uuid.NewV7()).String()
	f.members[pid] = map[string]bool{}
	for _, m := range members {
		f.members[pid][m] = true
	}
	return pid
}

func (f *fakeProjects) archive(projectID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.archived[projectID] = true
}

// fakeScheduler records what is scheduled for each series.
type fakeScheduler struct {
	mu    sync.Mutex
	at    map[string]time.Time
	log   []string
	fails bool
}

func (f *fakeScheduler) fail(fails bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fails = fails
}

func newFakeScheduler() *fakeScheduler { return &fakeScheduler{at: map[string]time.Time{}} }

func (f *fakeScheduler) Schedule(_ context.Context, id string, at time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fails {
		return errors.New("scheduler: connection refused")
	}
	f.at[id] = at
	f.log = append(f.log, "schedule "+id)
	return nil
}

func (f *fakeScheduler) Unschedule(_ context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.at, id)
	f.log = append(f.log, "unschedule "+id)
	return nil
}

func (f *fakeScheduler) scheduled(id string) (time.Time, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	at, ok := f.at[id]
	return at, ok
}

// fakeTasks records the occurrences created.
type fakeTasks struct {
	mu      sync.Mutex
	created []app.Occurrence
}

func newFakeTasks() *fakeTasks { return &fakeTasks{} }

func (f *fakeTasks) CreateOccurrence(_ context.Context, o app.Occurrence) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.created = append(f.created, o)
	return uuid.Must(uuid.NewV7()).String(), nil
}

func (f *fakeTasks) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.created)
}
