package adapters_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/projects/adapters"
	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// invoker answers every invocation with one status (or a transport error)
// and records the method it was asked for.
type invoker struct {
	status int
	err    error
	method string
	appID  string
}

func (f *invoker) Invoke(_ context.Context, verb, appID, method string, _ io.Reader, _ http.Header) (*http.Response, error) {
	f.method, f.appID = verb+" "+method, appID
	if f.err != nil {
		return nil, f.err
	}
	return &http.Response{StatusCode: f.status, Body: io.NopCloser(strings.NewReader(`{}`))}, nil
}

func TestUsersClientTellsExistingFromMissingFromUnreachable(t *testing.T) {
	t.Parallel()
	const id = "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d"
	tests := []struct {
		name    string
		inv     invoker
		want    bool
		wantErr error
	}{
		{"exists", invoker{status: 200}, true, nil},
		{"missing", invoker{status: 404}, false, nil},
		{"policy-denied", invoker{status: 403}, false, domain.ErrUsersUnavailable},
		{"users-failing", invoker{status: 500}, false, domain.ErrUsersUnavailable},
		{"sidecar-down", invoker{err: errors.New("connection refused")}, false, domain.ErrUsersUnavailable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			inv := tc.inv
			got, err := adapters.NewUsers(&inv, "users").Exists(context.Background(), id)
			if got != tc.want || !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Fatalf("got %v %v, want %v %v", got, err, tc.want, tc.wantErr)
			}
			if inv.method != "GET internal/users/"+id || inv.appID != "users" {
				t.Fatalf("invoked %s on %s", inv.method, inv.appID)
			}
		})
	}
}
