package ports_test

import (
	"context"
	"errors"
	"sync"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/apperr"

	"github.com/taskrocket/taskrocket/services/collaboration/app"
	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// fakePeers stands in for the projects, tasks and users services: who is a
// member of which project with what role, which task is in which project,
// and the accounts' names.
type fakePeers struct {
	mu       sync.Mutex
	members  map[string]map[string]string // project -> user -> role
	archived map[string]bool
	tasks    map[string]string // task -> project
	names    map[string]app.UserName
	down     bool
	lookups  int
}

func newFakePeers() *fakePeers {
	return &fakePeers{members: map[string]map[string]string{}, archived: map[string]bool{},
		tasks: map[string]string{}, names: map[string]app.UserName{}}
}

var errDown = apperr.Wrap(errors.New("connection refused"), apperr.KindUnavailable,
	domain.ErrProjectsUnavailable.Code, domain.ErrProjectsUnavailable.Message)

func (f *fakePeers) Membership(_ context.Context, projectID, userID string) (domain.Membership, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return domain.Membership{}, errDown
	}
	role, ok := f.members[projectID][userID]
	if !ok {
		return domain.Membership{}, domain.ErrProjectNotFound
	}
	return domain.Membership{ProjectID: projectID, UserID: userID, Role: role, Archived: f.archived[projectID]}, nil
}

func (f *fakePeers) Confirm(ctx context.Context, projectID, userID string) (domain.Membership, error) {
	return f.Membership(ctx, projectID, userID)
}

func (f *fakePeers) Members(_ context.Context, c app.Caller, projectID string) ([]app.Member, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.members[projectID][c.UserID]; !ok {
		return nil, domain.ErrProjectNotFound
	}
	var out []app.Member
	for uid := range f.members[projectID] {
		if n, ok := f.names[uid]; ok && !n.Deleted {
			out = append(out, app.Member{UserID: uid, Username: n.Username, DisplayName: n.DisplayName})
		}
	}
	return out, nil
}

func (f *fakePeers) TaskProject(_ context.Context, c app.Caller, taskID string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	pid, ok := f.tasks[taskID]
	if !ok {
		return "", domain.ErrTaskNotFound
	}
	if _, member := f.members[pid][c.UserID]; !member {
		return "", domain.ErrTaskNotFound
	}
	return pid, nil
}

func (f *fakePeers) Lookup(_ context.Context, ids []string) (map[string]app.UserName, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lookups++
	out := map[string]app.UserName{}
	for _, id := range ids {
		if n, ok := f.names[id]; ok && !n.Deleted {
			out[id] = n
		}
	}
	return out, nil
}

func (f *fakePeers) name(id, username, displayName string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.names[id] = app.UserName{Username: username, DisplayName: displayName}
}

// project creates a project owned by owner, with participants.
func (f *fakePeers) project(owner string, participants ...string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	pid := uuid.Must(uuid.NewV7()).String()
	f.members[pid] = map[string]string{owner: domain.RoleOwner}
	for _, p := range participants {
		f.members[pid][p] = domain.RoleParticipant
	}
	return pid
}

// task creates a task in a project.
func (f *fakePeers) task(projectID string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	tid := uuid.Must(uuid.NewV7()).String()
	f.tasks[tid] = projectID
	return tid
}

func (f *fakePeers) deleteTask(taskID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.tasks, taskID)
}

func (f *fakePeers) setRole(projectID, userID, role string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.members[projectID][userID] = role
}

func (f *fakePeers) remove(projectID, userID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.members[projectID], userID)
}

func (f *fakePeers) archive(projectID string, archived bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.archived[projectID] = archived
}
