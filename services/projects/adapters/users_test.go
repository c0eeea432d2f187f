package adapters_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/projects/adapters"
	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// invoker answers every invocation with one status and body (or a
// transport error) and records what it was asked.
type invoker struct {
	status int
	body   string // default: the lookup answer naming every requested id
	err    error

	mu      sync.Mutex
	methods []string
	appID   string
	batches [][]string
}

func (f *invoker) Invoke(_ context.Context, verb, appID, method string, body io.Reader, header http.Header) (*http.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.methods, f.appID = append(f.methods, verb+" "+method), appID
	var req contracts.UsersLookupRequest
	if err := json.NewDecoder(body).Decode(&req); err != nil || header.Get("Content-Type") != "application/json" {
		return nil, fmt.Errorf("request body: %v", err)
	}
	f.batches = append(f.batches, req.IDs)
	if f.err != nil {
		return nil, f.err
	}
	answer := f.body
	if answer == "" {
		found := contracts.UsersLookup{Users: []contracts.UserName{}}
		for _, id := range req.IDs {
			found.Users = append(found.Users, contracts.UserName{ID: id, Username: "u" + id[len(id)-4:], DisplayName: "User " + id[len(id)-4:]})
		}
		raw, _ := json.Marshal(found)
		answer = string(raw)
	}
	return &http.Response{StatusCode: f.status, Body: io.NopCloser(strings.NewReader(answer))}, nil
}

func ids(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("0195f3c2-7a3e-7c1e-9d9a-%012d", i)
	}
	return out
}

func TestUsersClientNamesAccountsInBatches(t *testing.T) {
	t.Parallel()
	const a, b = "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d", "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3e"
	inv := &invoker{status: 200, body: `{"users":[{"id":"` + a + `","username":"ada","displayName":"Ada Lovelace"}]}`}
	got, err := adapters.NewUsers(inv, "users").Names(context.Background(), []string{a, b})
	if err != nil || len(got) != 1 || got[a] != (domain.Person{Username: "ada", DisplayName: "Ada Lovelace"}) {
		t.Fatalf("names: %v %v", got, err)
	}
	if _, ok := got[b]; ok {
		t.Fatal("an id the users service did not answer has a name")
	}
	if len(inv.methods) != 1 || inv.methods[0] != "POST internal/users/lookup" || inv.appID != "users" {
		t.Fatalf("invoked %v on %s", inv.methods, inv.appID)
	}

	none := &invoker{status: 200}
	if got, err := adapters.NewUsers(none, "users").Names(context.Background(), nil); err != nil || len(got) != 0 || len(none.methods) != 0 {
		t.Fatalf("no ids: %v %v after %d calls", got, err, len(none.methods))
	}

	many := &invoker{status: 200}
	all := ids(2*contracts.UsersLookupMax + 50)
	got, err = adapters.NewUsers(many, "users").Names(context.Background(), all)
	if err != nil || len(got) != len(all) {
		t.Fatalf("%d names of %d (%v)", len(got), len(all), err)
	}
	if len(many.batches) != 3 || len(many.batches[0]) != contracts.UsersLookupMax || len(many.batches[2]) != 50 {
		t.Fatalf("batches of %d, %d, ... ids", len(many.batches[0]), len(many.batches[len(many.batches)-1]))
	}
}

func TestUsersClientReportsAnUnreachableServiceAsUnavailable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		inv  *invoker
	}{
		{"policy-denied", &invoker{status: 403, body: `{"error":{"code":"forbidden","message":"x"}}`}},
		{"users-failing", &invoker{status: 500, body: `{"error":{"code":"internal","message":"x"}}`}},
		{"users-without-the-lookup", &invoker{status: 404, body: `{"error":{"code":"route_not_found","message":"x"}}`}},
		{"refused-input", &invoker{status: 400, body: `{"error":{"code":"validation_failed","message":"x"}}`}},
		{"garbled-answer", &invoker{status: 200, body: `{"users":`}},
		{"sidecar-down", &invoker{err: errors.New("connection refused")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := adapters.NewUsers(tc.inv, "users").Names(context.Background(), ids(2))
			if got != nil || !errors.Is(err, domain.ErrUsersUnavailable) {
				t.Fatalf("got %v %v, want %v", got, err, domain.ErrUsersUnavailable)
			}
		})
	}
}
