package adapters

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/apperr"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
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

func TestMembershipAnswersAreMappedToTheDomain(t *testing.T) {
	t.Parallel()
	pid, uid := newID(), newID()
	tests := []struct {
		name     string
		sidecar  fakeSidecar
		wantRole string
		wantErr  string
	}{
		{"owner", fakeSidecar{status: 200, body: `{"projectId":"` + pid + `","userId":"` + uid + `","role":"owner","archived":true}`}, domain.RoleOwner, ""},
		{"unknown-role-kept", fakeSidecar{status: 200, body: `{"role":"viewer"}`}, "viewer", ""},
		{"not-a-member", fakeSidecar{status: 404, body: `{"error":{"code":"project_not_found","message":"no such project"}}`}, "", "project_not_found"},
		{"route-missing-is-not-an-answer", fakeSidecar{status: 404, body: `{"error":{"code":"route_not_found","message":"x"}}`}, "", "projects_unavailable"},
		{"server-error", fakeSidecar{status: 500, body: `{}`}, "", "projects_unavailable"},
		{"access-denied-by-policy", fakeSidecar{status: 403, body: `{}`}, "", "projects_unavailable"},
		{"garbage", fakeSidecar{status: 200, body: `<html>`}, "", "projects_unavailable"},
		{"sidecar-down", fakeSidecar{err: errors.New("connection refused")}, "", "projects_unavailable"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sc := tc.sidecar
			m, err := NewProjects(&sc, "projects").Membership(context.Background(), pid, uid)
			if tc.wantErr != "" {
				var e *apperr.Error
				if !errors.As(err, &e) || e.Code != tc.wantErr {
					t.Fatalf("error %v, want %s", err, tc.wantErr)
				}
				return
			}
			if err != nil || m.Role != tc.wantRole || m.ProjectID != pid || m.UserID != uid {
				t.Fatalf("membership %+v, %v", m, err)
			}
			if want := "GET projects/internal/projects/" + pid + "/members/" + uid; sc.calls[0] != want {
				t.Fatalf("called %s, want %s", sc.calls[0], want)
			}
		})
	}
}

func TestUserProjectsListsTheProjectIDs(t *testing.T) {
	t.Parallel()
	p1, p2, uid := newID(), newID(), newID()
	sc := &fakeSidecar{status: 200, body: `{"userId":"` + uid + `","projects":[{"projectId":"` + p1 + `","role":"owner"},{"projectId":"` + p2 + `","role":"participant","archived":true}]}`}
	ids, err := NewProjects(sc, "projects").UserProjects(context.Background(), uid)
	if err != nil || len(ids) != 2 || ids[0] != p1 || ids[1] != p2 {
		t.Fatalf("ids %v, %v", ids, err)
	}
	if sc.calls[0] != "GET projects/internal/users/"+uid+"/projects" {
		t.Fatalf("called %s", sc.calls[0])
	}
}
