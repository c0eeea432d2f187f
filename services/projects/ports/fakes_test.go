package ports_test

import (
	"context"
	"sync"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// fakeUsers stands in for the users service (app.Users).
type fakeUsers struct {
	mu    sync.Mutex
	known map[string]bool
	calls int
	down  bool
}

func (f *fakeUsers) Exists(_ context.Context, id string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.down {
		return false, domain.ErrUsersUnavailable
	}
	return f.known[id], nil
}

func (f *fakeUsers) lookups() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

func (f *fakeUsers) setDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down = down
}

// user is a signed-up account: its id and an access token.
type user struct {
	ID    string
	Token string
}

// newUser registers an account with the fake users service and signs an
// access token for it as the auth service would.
func (e *env) newUser() user {
	e.t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	e.users.mu.Lock()
	e.users.known[id] = true
	e.users.mu.Unlock()
	return user{ID: id, Token: e.tokens.Mint(id, uuid.NewString(), "u"+id[len(id)-8:])}
}
