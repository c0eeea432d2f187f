package adapters

import (
	"context"
	"errors"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/membership"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// fixedSource answers every project and user question the same way.
type fixedSource struct {
	pm  contracts.ProjectMembers
	up  contracts.UserProjects
	err error
}

func (f fixedSource) ProjectMembers(_ context.Context, id string) (contracts.ProjectMembers, error) {
	f.pm.ProjectID = id
	return f.pm, f.err
}

func (f fixedSource) UserProjects(context.Context, string) (contracts.UserProjects, error) {
	return f.up, f.err
}

func TestMembershipAnswersAreMappedToTheDomain(t *testing.T) {
	t.Parallel()
	pid, uid := newID(), newID()
	tests := []struct {
		name     string
		src      fixedSource
		wantRole string
		wantArch bool
		wantErr  string
	}{
		{"owner-of-archived", fixedSource{pm: contracts.ProjectMembers{Archived: true,
			Members: []contracts.ProjectMember{{UserID: uid, Role: "owner"}}}}, domain.RoleOwner, true, ""},
		{"unknown-role-kept", fixedSource{pm: contracts.ProjectMembers{
			Members: []contracts.ProjectMember{{UserID: uid, Role: "viewer"}}}}, "viewer", false, ""},
		{"not-a-member", fixedSource{pm: contracts.ProjectMembers{}}, "", false, "project_not_found"},
		{"no-such-project", fixedSource{err: membership.ErrNotFound}, "", false, "project_not_found"},
		{"projects-down", fixedSource{err: errors.New("connection refused")}, "", false, "projects_unavailable"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := NewProjects(membership.NewWithSource(tc.src, membership.Options{}))
			m, err := p.Membership(context.Background(), pid, uid)
			if tc.wantErr != "" {
				var e *apperr.Error
				if !errors.As(err, &e) || e.Code != tc.wantErr {
					t.Fatalf("error %v, want %s", err, tc.wantErr)
				}
				return
			}
			if err != nil || m.Role != tc.wantRole || m.Archived != tc.wantArch || m.ProjectID != pid || m.UserID != uid {
				t.Fatalf("membership %+v, %v", m, err)
			}
		})
	}
}

func TestUserProjectsListsTheProjectIDsInOrder(t *testing.T) {
	t.Parallel()
	p1, p2, uid := newID(), newID(), newID()
	src := fixedSource{up: contracts.UserProjects{UserID: uid, Projects: []contracts.Membership{
		{ProjectID: p2, Role: "participant", Archived: true}, {ProjectID: p1, Role: "owner"}, {ProjectID: "nonsense", Role: "owner"},
	}}}
	ids, err := NewProjects(membership.NewWithSource(src, membership.Options{})).UserProjects(context.Background(), uid)
	want := []string{min(p1, p2), max(p1, p2)}
	if err != nil || len(ids) != 2 || ids[0] != want[0] || ids[1] != want[1] {
		t.Fatalf("ids %v, %v; want %v", ids, err, want)
	}
}
