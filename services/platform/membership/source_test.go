package membership

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// fakeSidecar answers invocations with a fixed status and body, and
// records the methods called.
type fakeSidecar struct {
	status int
	body   string
	err    error
	calls  []string
}

func (f *fakeSidecar) Invoke(_ context.Context, verb, appID, method string, _ io.Reader, _ http.Header) (*http.Response, error) {
	f.calls = append(f.calls, verb+" "+appID+"/"+method)
	if f.err != nil {
		return nil, f.err
	}
	return &http.Response{StatusCode: f.status, Body: io.NopCloser(strings.NewReader(f.body))}, nil
}

func TestTheProjectsServiceAnswersAreMapped(t *testing.T) {
	t.Parallel()
	pid, uid := id(1), id(10)
	tests := []struct {
		name    string
		sidecar fakeSidecar
		want    error // nil: the member is found
	}{
		{"member", fakeSidecar{status: 200, body: `{"projectId":"` + pid + `","version":3,"archived":false,"members":[{"userId":"` + uid + `","role":"owner"}]}`}, nil},
		{"unknown-project", fakeSidecar{status: 404, body: `{"error":{"code":"project_not_found","message":"no such project"}}`}, ErrNotFound},
		{"route-missing-is-not-an-answer", fakeSidecar{status: 404, body: `{"error":{"code":"route_not_found","message":"x"}}`}, ErrUnavailable},
		{"answer-about-another-project", fakeSidecar{status: 200, body: `{"projectId":"` + id(2) + `","version":3,"members":[]}`}, ErrUnavailable},
		{"server-error", fakeSidecar{status: 500, body: `{}`}, ErrUnavailable},
		{"access-denied-by-policy", fakeSidecar{status: 403, body: `{}`}, ErrUnavailable},
		{"garbage", fakeSidecar{status: 200, body: `<html>`}, ErrUnavailable},
		{"sidecar-down", fakeSidecar{err: errors.New("connection refused")}, ErrUnavailable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sc := tc.sidecar
			m, err := New(&sc, "projects", Options{}).Membership(context.Background(), pid, uid)
			if tc.want != nil {
				if !errors.Is(err, tc.want) {
					t.Fatalf("error %v, want %v", err, tc.want)
				}
				return
			}
			if err != nil || m.Role != RoleOwner {
				t.Fatalf("membership %+v, %v", m, err)
			}
			if want := "GET projects/internal/projects/" + pid + "/members"; sc.calls[0] != want {
				t.Fatalf("called %s, want %s", sc.calls[0], want)
			}
		})
	}
}

func TestUserProjectsAreAskedOfTheProjectsService(t *testing.T) {
	t.Parallel()
	uid := id(10)
	sc := &fakeSidecar{status: 200, body: `{"userId":"` + uid + `","projects":[{"projectId":"` + id(1) + `","role":"owner","version":2},` +
		`{"projectId":"` + id(2) + `","role":"participant","archived":true,"version":5}]}`}
	ms, err := New(sc, "projects", Options{}).UserProjects(context.Background(), uid)
	if err != nil || len(ms) != 2 {
		t.Fatalf("projects %+v, %v", ms, err)
	}
	if want := "GET projects/internal/users/" + uid + "/projects"; sc.calls[0] != want {
		t.Fatalf("called %s, want %s", sc.calls[0], want)
	}
}
