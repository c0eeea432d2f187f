package ports_test

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

var errConnectionRefused = errors.New("connection refused")

type fakeProject struct {
	name     string
	archived bool
	members  map[string]string // user id -> role
}

// fakeProjects stands in for the projects service (app.Projects), keeping
// to contracts/projects_internal.go.
type fakeProjects struct {
	mu       sync.Mutex
	projects map[string]*fakeProject
	adds     []contracts.AddMemberRequest
	down     bool
	// beforeAdd, when set, runs (unlocked) at the start of AddMember.
	beforeAdd func()
}

func (f *fakeProjects) create(ownerID, name string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := uuid.Must(uuid.NewV7()).String()
	f.projects[id] = &fakeProject{name: name, members: map[string]string{ownerID: contracts.RoleOwner}}
	return id
}

func (f *fakeProjects) setMember(projectID, userID, role string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if role == "" {
		delete(f.projects[projectID].members, userID)
		return
	}
	f.projects[projectID].members[userID] = role
}

func (f *fakeProjects) archive(projectID string, archived bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.projects[projectID].archived = archived
}

func (f *fakeProjects) remove(projectID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.projects, projectID)
}

func (f *fakeProjects) setDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down = down
}

func (f *fakeProjects) role(projectID, userID string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if p, ok := f.projects[projectID]; ok {
		return p.members[userID]
	}
	return ""
}

func (f *fakeProjects) addCalls() []contracts.AddMemberRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]contracts.AddMemberRequest(nil), f.adds...)
}

func (f *fakeProjects) Membership(_ context.Context, projectID, userID string) (contracts.Membership, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return contracts.Membership{}, errConnectionRefused
	}
	p, ok := f.projects[strings.ToLower(projectID)]
	if !ok || p.members[userID] == "" {
		return contracts.Membership{}, domain.ErrProjectNotFound
	}
	return contracts.Membership{ProjectID: projectID, ProjectName: p.name, UserID: userID, Role: p.members[userID], Archived: p.archived}, nil
}

func (f *fakeProjects) AddMember(_ context.Context, projectID string, req contracts.AddMemberRequest) (contracts.Membership, error) {
	f.mu.Lock()
	hook := f.beforeAdd
	f.mu.Unlock()
	if hook != nil {
		hook()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return contracts.Membership{}, errConnectionRefused
	}
	p, ok := f.projects[projectID]
	switch {
	case !ok:
		return contracts.Membership{}, domain.ErrProjectNotFound
	case p.archived:
		return contracts.Membership{}, domain.ErrProjectArchived
	}
	f.adds = append(f.adds, req)
	if p.members[req.UserID] == "" {
		p.members[req.UserID] = req.Role
	}
	return contracts.Membership{ProjectID: projectID, ProjectName: p.name, UserID: req.UserID, Role: p.members[req.UserID]}, nil
}

// fakeUsers stands in for the users service's lookups (app.Users).
type fakeUsers struct {
	mu       sync.Mutex
	accounts map[string]contracts.UserRef // by id
	down     bool
	lookups  int
}

func (f *fakeUsers) add(u contracts.UserRef) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.accounts[u.ID] = u
}

func (f *fakeUsers) setDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down = down
}

func (f *fakeUsers) find(match func(u contracts.UserRef) bool) (contracts.UserRef, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lookups++
	if f.down {
		return contracts.UserRef{}, errConnectionRefused
	}
	for _, u := range f.accounts {
		if match(u) {
			return u, nil
		}
	}
	return contracts.UserRef{}, domain.ErrUserNotFound
}

func (f *fakeUsers) ByUsername(_ context.Context, username string) (contracts.UserRef, error) {
	return f.find(func(u contracts.UserRef) bool { return u.Username == username })
}

func (f *fakeUsers) ByEmail(_ context.Context, email string) (contracts.UserRef, error) {
	return f.find(func(u contracts.UserRef) bool { return u.Email == email })
}

func (f *fakeUsers) ByID(_ context.Context, id string) (contracts.UserRef, error) {
	return f.find(func(u contracts.UserRef) bool { return u.ID == id })
}
