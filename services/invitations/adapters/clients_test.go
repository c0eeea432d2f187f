package adapters_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"

	"github.com/taskrocket/taskrocket/services/invitations/adapters"
	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// call is one invocation the fake sidecar received.
type call struct {
	Method, Path, RawPath, Token string
	Body                         []byte
}

// fakeSidecar plays daprd's HTTP invocation API: answer decides each
// response from the request.
type fakeSidecar struct {
	mu    sync.Mutex
	calls []call
}

func newSidecar(t *testing.T, answer func(c call) (int, any)) (*daprx.Sidecar, *fakeSidecar) {
	t.Helper()
	f := &fakeSidecar{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		c := call{Method: r.Method, Path: r.URL.Path, RawPath: r.URL.EscapedPath(), Token: r.Header.Get("dapr-api-token"), Body: body}
		f.mu.Lock()
		f.calls = append(f.calls, c)
		f.mu.Unlock()
		status, out := answer(c)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	p, _ := strconv.Atoi(port)
	return daprx.New(daprx.Config{HTTPPort: p, APIToken: "sidecar-api-token"}), f
}

func (f *fakeSidecar) last() call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[len(f.calls)-1]
}

func errorBody(code string) map[string]any {
	return map[string]any{"error": map[string]any{"code": code, "message": code}}
}

const (
	projectID = "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d"
	userID    = "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3e"
)

func TestProjectsClient(t *testing.T) {
	t.Parallel()
	member := contracts.Membership{ProjectID: projectID, ProjectName: "Apollo", UserID: userID, Role: "owner"}
	tests := []struct {
		name    string
		status  int
		body    any
		add     bool
		wantErr error // nil: success; errAny: any non-typed error
	}{
		{"membership-200", 200, member, false, nil},
		{"membership-404-not-member", 404, errorBody("project_not_found"), false, domain.ErrProjectNotFound},
		{"membership-404-route-missing-is-a-failure", 404, errorBody("route_not_found"), false, errAny},
		{"membership-500", 500, errorBody("internal"), false, errAny},
		{"membership-200-without-role", 200, contracts.Membership{ProjectID: projectID, UserID: userID}, false, errAny},
		{"membership-200-not-json", 200, "<html>", false, errAny},
		{"add-200", 200, contracts.Membership{ProjectID: projectID, ProjectName: "Apollo", UserID: userID, Role: "participant"}, true, nil},
		{"add-404", 404, errorBody("project_not_found"), true, domain.ErrProjectNotFound},
		{"add-409-archived", 409, errorBody("project_archived"), true, domain.ErrProjectArchived},
		{"add-403", 403, errorBody("forbidden"), true, errAny},
		{"add-503", 503, errorBody("unavailable"), true, errAny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sidecar, fake := newSidecar(t, func(call) (int, any) { return tc.status, tc.body })
			p := adapters.NewProjects(sidecar, "projects")
			var (
				m   contracts.Membership
				err error
			)
			if tc.add {
				m, err = p.AddMember(context.Background(), projectID, contracts.AddMemberRequest{UserID: userID, Role: "participant", InvitationID: "i", ActorID: userID})
			} else {
				m, err = p.Membership(context.Background(), projectID, userID)
			}
			checkErr(t, err, tc.wantErr)
			if tc.wantErr == nil && (m.UserID != userID || m.ProjectName != "Apollo") {
				t.Fatalf("membership %+v", m)
			}
			c := fake.last()
			wantPath := "/v1.0/invoke/projects/method/internal/projects/" + projectID + "/members/" + userID
			wantMethod := http.MethodGet
			if tc.add {
				wantPath, wantMethod = "/v1.0/invoke/projects/method/internal/projects/"+projectID+"/members", http.MethodPost
				var sent contracts.AddMemberRequest
				if json.Unmarshal(c.Body, &sent) != nil || sent.UserID != userID || sent.InvitationID != "i" {
					t.Errorf("add-member body %s", c.Body)
				}
			}
			if c.Method != wantMethod || c.Path != wantPath || c.Token != "sidecar-api-token" {
				t.Fatalf("call %+v, want %s %s", c, wantMethod, wantPath)
			}
		})
	}
}

func TestProjectsClientUnreachable(t *testing.T) {
	t.Parallel()
	p := adapters.NewProjects(daprx.New(daprx.Config{HTTPPort: 1}), "projects")
	if _, err := p.Membership(context.Background(), projectID, userID); err == nil || errors.Is(err, domain.ErrProjectNotFound) {
		t.Fatalf("unreachable sidecar: %v", err)
	}
}

func TestUsersClient(t *testing.T) {
	t.Parallel()
	ada := contracts.UserRef{ID: userID, Username: "ada", Email: "ada+tag@example.com"}
	sidecar, fake := newSidecar(t, func(c call) (int, any) {
		switch c.Path {
		case "/v1.0/invoke/users/method/internal/users/by-email/ada+tag@example.com",
			"/v1.0/invoke/users/method/internal/users/by-username/ada",
			"/v1.0/invoke/users/method/internal/users/" + userID:
			return 200, ada
		case "/v1.0/invoke/users/method/internal/users/by-username/empty":
			return 200, contracts.UserRef{}
		case "/v1.0/invoke/users/method/internal/users/by-username/broken":
			return 502, errorBody("bad_gateway")
		}
		return 404, errorBody("user_not_found")
	})
	u := adapters.NewUsers(sidecar, "users")
	ctx := context.Background()
	for name, lookup := range map[string]func() (contracts.UserRef, error){
		"by-email":    func() (contracts.UserRef, error) { return u.ByEmail(ctx, "ada+tag@example.com") },
		"by-username": func() (contracts.UserRef, error) { return u.ByUsername(ctx, "ada") },
		"by-id":       func() (contracts.UserRef, error) { return u.ByID(ctx, userID) },
	} {
		if got, err := lookup(); err != nil || got != ada {
			t.Errorf("%s: %+v, %v", name, got, err)
		}
	}
	if _, err := u.ByEmail(ctx, "nobody@example.com"); !errors.Is(err, domain.ErrUserNotFound) {
		t.Fatalf("unknown email: %v", err)
	}
	// A '/' or '?' in an address stays inside the one path segment.
	_, _ = u.ByEmail(ctx, "a/b?c@example.com")
	if c := fake.last(); c.RawPath != "/v1.0/invoke/users/method/internal/users/by-email/a%2Fb%3Fc@example.com" {
		t.Fatalf("escaped path %q", c.RawPath)
	}
	for _, name := range []string{"empty", "broken"} {
		if _, err := u.ByUsername(ctx, name); err == nil || errors.Is(err, domain.ErrUserNotFound) {
			t.Errorf("%s: %v, want a failure", name, err)
		}
	}
}

var errAny = errors.New("any failure that is not an answer")

func checkErr(t *testing.T, err, want error) {
	t.Helper()
	switch {
	case want == nil && err != nil:
		t.Fatalf("unexpected error %v", err)
	case want == errAny && (err == nil || errors.Is(err, domain.ErrProjectNotFound) || errors.Is(err, domain.ErrProjectArchived)):
		t.Fatalf("err = %v, want a plain failure", err)
	case want != nil && want != errAny && !errors.Is(err, want):
		t.Fatalf("err = %v, want %v", err, want)
	}
}
