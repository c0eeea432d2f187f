package ports_test

import (
	"context"
	"sync"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// fakeUsers stands in for the users service (app.Users).
type fakeUsers struct {
	mu      sync.Mutex
	known   map[string]domain.Person
	batches [][]string
	down    bool
}

func (f *fakeUsers) Names(_ context.Context, ids []string) (map[string]domain.Person, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.batches = append(f.batches, append([]string(nil), ids...))
	if f.down {
		return nil, domain.ErrUsersUnavailable
	}
	out := map[string]domain.Person{}
	for _, id := range ids {
		if p, ok := f.known[id]; ok {
			out[id] = p
		}
	}
	return out, nil
}

// forget makes the account id unknown, as after its deletion.
func (f *fakeUsers) forget(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.known, id)
}

// lastBatch returns the ids of the latest lookup.
func (f *fakeUsers) lastBatch() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.batches) == 0 {
		return nil
	}
	return f.batches[len(f.batches)-1]
}

func (f *fakeUsers) lookups() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.batches)
}

func (f *fakeUsers) setDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down = down
}

// user is a signed-up account: its id, names and an access token.
type user struct {
	ID          string
	Username    string
	DisplayName string
	Token       string
}

// newUser registers an account with the fake users service and signs an
// access token for it as the auth service would.
func (e *env) newUser() user {
	e.t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	u := user{ID: id, Username: "u" + id[len(id)-8:], DisplayName: "User " + id[len(id)-8:]}
	e.users.mu.Lock()
	e.users.known[id] = domain.Person{Username: u.Username, DisplayName: u.DisplayName}
	e.users.mu.Unlock()
	u.Token = e.tokens.Mint(id, uuid.NewString(), u.Username)
	return u
}
