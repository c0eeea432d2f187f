package ports_test

import (
	"context"
	"errors"
	"sync"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/apperr"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// fakeProjects stands in for the membership view (app.Projects): who is
// a member of which project, with what role, and whether the project is
// archived. heldArchived plays a view that has not heard of a change yet:
// Membership answers it, Confirm answers the truth.
type fakeProjects struct {
	mu           sync.Mutex
	members      map[string]map[string]string // project -> user -> role
	archived     map[string]bool
	heldArchived map[string]bool
	down         bool
	calls        int
	confirms     int
}

func newFakeProjects() *fakeProjects {
	return &fakeProjects{members: map[string]map[string]string{}, archived: map[string]bool{}, heldArchived: map[string]bool{}}
}

func (f *fakeProjects) Membership(ctx context.Context, projectID, userID string) (domain.Membership, error) {
	m, err := f.Confirm(ctx, projectID, userID)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.confirms--
	if held, ok := f.heldArchived[projectID]; ok && err == nil {
		m.Archived = held
	}
	return m, err
}

func (f *fakeProjects) Confirm(_ context.Context, projectID, userID string) (domain.Membership, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	f.confirms++
	if f.down {
		return domain.Membership{}, apperr.Wrap(errors.New("connection refused"), apperr.KindUnavailable,
			domain.ErrProjectsUnavailable.Code, domain.ErrProjectsUnavailable.Message)
	}
	role, ok := f.members[projectID][userID]
	if !ok {
		return domain.Membership{}, domain.ErrProjectNotFound
	}
	return domain.Membership{ProjectID: projectID, UserID: userID, Role: role, Archived: f.archived[projectID]}, nil
}

func (f *fakeProjects) UserProjects(_ context.Context, userID string) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.down {
		return nil, apperr.Wrap(errors.New("connection refused"), apperr.KindUnavailable,
			domain.ErrProjectsUnavailable.Code, domain.ErrProjectsUnavailable.Message)
	}
	var out []string
	for pid, users := range f.members {
		if _, ok := users[userID]; ok {
			out = append(out, pid)
		}
	}
	return out, nil
}

// project creates a project owned by owner, with participants.
func (f *fakeProjects) project(owner string, participants ...string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	pid := uuid.Must(uuid.NewV7()).String()
	f.members[pid] = map[string]string{owner: domain.RoleOwner}
	for _, p := range participants {
		f.members[pid][p] = domain.RoleParticipant
	}
	return pid
}

func (f *fakeProjects) setRole(projectID, userID, role string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.members[projectID][userID] = role
}

func (f *fakeProjects) remove(projectID, userID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.members[projectID], userID)
}

func (f *fakeProjects) archive(projectID string, archived bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.archived[projectID] = archived
}

func (f *fakeProjects) setDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down = down
}
