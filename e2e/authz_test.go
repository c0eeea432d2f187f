package e2e

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// The authorization matrix: every operation of the projects, tasks and
// invitations APIs, called through the gateway by a project's owner, one
// of its participants, someone who is not a member, and an anonymous
// client, with the answer each of them must get.

// authzCaller is who makes a call of the matrix.
type authzCaller int

const (
	authzOwner authzCaller = iota
	authzParticipant
	authzNonMember
	authzAnonymous
	authzCallers
)

func (c authzCaller) String() string {
	return [...]string{"owner", "participant", "non-member", "anonymous"}[c]
}

// authzCast is the people of the matrix; the same three accounts play
// their part in every row, each row on objects of its own.
type authzCast struct {
	owner, participant, outsider person
}

func (c authzCast) as(who authzCaller) person {
	switch who {
	case authzOwner:
		return c.owner
	case authzParticipant:
		return c.participant
	case authzNonMember:
		return c.outsider
	}
	return person{}
}

// authzNeed says what a row's fixture creates besides a project with an
// owner and a participant.
type authzNeed uint

const (
	authzNeedTask authzNeed = 1 << iota
	authzNeedCategory
	authzNeedTag
	authzNeedInvitation        // a pending invitation of the non-member (by username)
	authzNeedForeignInvitation // a pending invitation of an address nobody uses
	authzNeedArchived          // the project is archived last
	authzNoProject             // nothing at all
)

// authzFixture is what one row works on.
type authzFixture struct {
	authzCast
	Project, Task, TaskTitle, Category, Tag, Invitation, ForeignInvitation string
}

var authzSeq atomic.Int64

// authzUnique returns a string no other call returns.
func authzUnique() string {
	return fmt.Sprintf("%d%d", authzSeq.Add(1), keySeq.Add(1))
}

// authzSetUp builds a row's fixture: a project of the cast's owner with
// the cast's participant, and what needs asks for.
func authzSetUp(t *testing.T, cast authzCast, needs authzNeed) authzFixture {
	t.Helper()
	fx := authzFixture{authzCast: cast}
	if needs&authzNoProject != 0 {
		return fx
	}
	fx.Project = newProject(t, cast.owner, "Authz "+authzUnique())
	addParticipant(t, cast.owner, fx.Project, cast.participant)
	if needs&authzNeedTask != 0 {
		fx.TaskTitle = "Authz task " + authzUnique()
		fx.Task, _ = newTask(t, cast.owner, fx.Project, map[string]any{"title": fx.TaskTitle})["id"].(string)
	}
	if needs&authzNeedCategory != 0 {
		fx.Category = authzLabel(t, cast.owner, fx.Project, "categories")
	}
	if needs&authzNeedTag != 0 {
		fx.Tag = authzLabel(t, cast.owner, fx.Project, "tags")
	}
	if needs&authzNeedInvitation != 0 {
		fx.Invitation = authzInvite(t, cast.owner, fx.Project, map[string]any{"username": cast.outsider.Username})
	}
	if needs&authzNeedForeignInvitation != 0 {
		fx.ForeignInvitation = authzInvite(t, cast.owner, fx.Project,
			map[string]any{"email": "nobody" + authzUnique() + "@example.com"})
	}
	if needs&authzNeedArchived != 0 {
		expect(t, "archive", cast.owner.call(t, http.MethodPost, "/api/v1/projects/"+fx.Project+"/archive", ""), http.StatusOK, "")
	}
	return fx
}

// authzLabel creates a category or tag ("categories", "tags") and returns
// its id.
func authzLabel(t *testing.T, p person, projectID, kind string) string {
	t.Helper()
	r := p.call(t, http.MethodPost, "/api/v1/projects/"+projectID+"/"+kind,
		jsonBody(t, map[string]any{"name": "Label " + authzUnique()}))
	expect(t, "create "+kind, r, http.StatusCreated, "")
	return r.str(t, "id")
}

// authzInvite sends an invitation and returns its id.
func authzInvite(t *testing.T, owner person, projectID string, to map[string]any) string {
	t.Helper()
	r := owner.call(t, http.MethodPost, "/api/v1/projects/"+projectID+"/invitations", jsonBody(t, to))
	expect(t, "invite", r, http.StatusCreated, "")
	return authzInvitationID(t, r)
}

func authzInvitationID(t *testing.T, r response) string {
	t.Helper()
	inv, _ := r.json(t)["invitation"].(map[string]any)
	id, _ := inv["id"].(string)
	if id == "" {
		t.Fatalf("no invitation id in %s", r.Body)
	}
	return id
}

// authzItems reads every page of a list as p and returns all items.
func authzItems(t *testing.T, p person, path string) []map[string]any {
	t.Helper()
	var all []map[string]any
	cursor := ""
	for range 100 {
		u := path
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		if cursor != "" {
			u += sep + "cursor=" + url.QueryEscape(cursor)
		}
		r := p.call(t, http.MethodGet, u, "")
		expect(t, "list "+path, r, http.StatusOK, "")
		all = append(all, authzPage(t, r)...)
		cursor, _ = r.json(t)["nextCursor"].(string)
		if cursor == "" {
			return all
		}
	}
	t.Fatalf("list %s: too many pages", path)
	return nil
}

// authzPage returns the items of one list page.
func authzPage(t *testing.T, r response) []map[string]any {
	t.Helper()
	raw, ok := r.json(t)["items"].([]any)
	if !ok {
		t.Fatalf("no items in %s", r.Body)
	}
	out := make([]map[string]any, 0, len(raw))
	for _, it := range raw {
		m, _ := it.(map[string]any)
		out = append(out, m)
	}
	return out
}

// authzHas reports whether an item has field key equal to value.
func authzHas(items []map[string]any, key, value string) bool {
	return slices.ContainsFunc(items, func(m map[string]any) bool { return m[key] == value })
}

// authzWantListed fails unless the list at path, read by p, has (or, with
// listed false, has not) an item whose key is value.
func authzWantListed(t *testing.T, p person, path, key, value string, listed bool) {
	t.Helper()
	items := authzItems(t, p, path)
	if got := authzHas(items, key, value); got != listed {
		t.Fatalf("%s: %s %s listed = %v, want %v (%d items)", path, key, value, got, listed, len(items))
	}
}

// authzProject reads a project as p, with the expected status.
func authzProject(t *testing.T, p person, projectID string, status int, code string) response {
	t.Helper()
	r := p.call(t, http.MethodGet, "/api/v1/projects/"+projectID, "")
	expect(t, "read project", r, status, code)
	return r
}

// authzField fails unless the JSON object answered has key = want.
func authzField(t *testing.T, r response, key string, want any) {
	t.Helper()
	if got := r.json(t)[key]; got != want {
		t.Fatalf("%s = %v, want %v in %s", key, got, want, r.Body)
	}
}

type authzWant struct {
	status int
	code   string
}

func authzW(status int, code string) authzWant { return authzWant{status, code} }

var authzUnauthenticated = authzW(http.StatusUnauthorized, "token_missing")

// authzOp is one documented operation and the answers it must give.
type authzOp struct {
	method, path string // as the OpenAPI document names them
	needs        authzNeed
	// shared: the call changes nothing, so one fixture serves all callers.
	shared bool
	// request returns the concrete path (with query) and body.
	request func(t *testing.T, fx authzFixture) (path, body string)
	want    [authzCallers]authzWant
	// after checks what the users see once the call answered as wanted;
	// refused tells whether it was refused.
	after func(t *testing.T, fx authzFixture, who authzCaller, r response, refused bool)
}

// authzOps is the matrix.
func authzOps() []authzOp {
	const (
		ok        = http.StatusOK
		created   = http.StatusCreated
		noContent = http.StatusNoContent
	)
	projectNotFound := authzW(http.StatusNotFound, "project_not_found")
	taskNotFound := authzW(http.StatusNotFound, "task_not_found")
	invitationNotFound := authzW(http.StatusNotFound, "invitation_not_found")
	forbidden := authzW(http.StatusForbidden, "forbidden_role")
	project := func(fx authzFixture) string { return "/api/v1/projects/" + fx.Project }
	fixed := func(path func(authzFixture) string, body func(authzFixture) string) func(*testing.T, authzFixture) (string, string) {
		return func(_ *testing.T, fx authzFixture) (string, string) {
			b := ""
			if body != nil {
				b = body(fx)
			}
			return path(fx), b
		}
	}
	// projectIntact: a refused call left the project as it was.
	projectIntact := func(t *testing.T, fx authzFixture, archived bool) {
		t.Helper()
		r := authzProject(t, fx.owner, fx.Project, ok, "")
		authzField(t, r, "role", "owner")
		authzField(t, r, "archived", archived)
		authzField(t, r, "memberCount", float64(2))
	}
	taskIntact := func(t *testing.T, fx authzFixture) {
		t.Helper()
		r := fx.owner.call(t, http.MethodGet, "/api/v1/tasks/"+fx.Task, "")
		expect(t, "owner reads the task", r, ok, "")
		authzField(t, r, "title", fx.TaskTitle)
	}
	var ops []authzOp

	// Projects.
	ops = append(ops,
		authzOp{
			method: http.MethodPost, path: "/api/v1/projects", needs: authzNoProject,
			request: fixed(func(authzFixture) string { return "/api/v1/projects" }, func(authzFixture) string {
				return fmt.Sprintf(`{"name":"Own %s","key":%q}`, authzUnique(), projectKey())
			}),
			want: [authzCallers]authzWant{authzW(created, ""), authzW(created, ""), authzW(created, ""), authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, who authzCaller, r response, refused bool) {
				if !refused {
					authzField(t, r, "role", "owner")
					authzField(t, r, "ownerId", fx.as(who).ID)
				}
			},
		},
		authzOp{
			method: http.MethodGet, path: "/api/v1/projects", shared: true,
			request: fixed(func(authzFixture) string { return "/api/v1/projects?limit=200" }, nil),
			want:    [authzCallers]authzWant{authzW(ok, ""), authzW(ok, ""), authzW(ok, ""), authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, who authzCaller, _ response, refused bool) {
				if !refused {
					authzWantListed(t, fx.as(who), "/api/v1/projects?archived=all&limit=200", "id", fx.Project, who != authzNonMember)
				}
			},
		},
		authzOp{
			method: http.MethodGet, path: "/api/v1/projects/{id}", shared: true,
			request: fixed(project, nil),
			want:    [authzCallers]authzWant{authzW(ok, ""), authzW(ok, ""), projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, who authzCaller, r response, refused bool) {
				if !refused {
					authzField(t, r, "id", fx.Project)
					authzField(t, r, "role", map[authzCaller]string{authzOwner: "owner", authzParticipant: "participant"}[who])
				}
			},
		},
		authzOp{
			method: http.MethodPatch, path: "/api/v1/projects/{id}",
			request: fixed(project, func(authzFixture) string { return `{"name":"Renamed by the caller"}` }),
			want:    [authzCallers]authzWant{authzW(ok, ""), forbidden, projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, r response, refused bool) {
				name := authzProject(t, fx.owner, fx.Project, ok, "").json(t)["name"]
				if renamed := name == "Renamed by the caller"; renamed == refused {
					t.Fatalf("project name is %v after the call (refused: %v)", name, refused)
				}
			},
		},
		authzOp{
			method: http.MethodDelete, path: "/api/v1/projects/{id}",
			request: fixed(project, nil),
			want:    [authzCallers]authzWant{authzW(noContent, ""), forbidden, projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, _ response, refused bool) {
				if refused {
					projectIntact(t, fx, false)
					return
				}
				authzProject(t, fx.owner, fx.Project, http.StatusNotFound, "project_not_found")
				authzProject(t, fx.participant, fx.Project, http.StatusNotFound, "project_not_found")
			},
		},
		authzOp{
			method: http.MethodPost, path: "/api/v1/projects/{id}/archive",
			request: fixed(func(fx authzFixture) string { return project(fx) + "/archive" }, nil),
			want:    [authzCallers]authzWant{authzW(ok, ""), forbidden, projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, _ response, refused bool) {
				authzField(t, authzProject(t, fx.participant, fx.Project, ok, ""), "archived", !refused)
				if refused {
					projectIntact(t, fx, false)
				}
			},
		},
		authzOp{
			method: http.MethodPost, path: "/api/v1/projects/{id}/unarchive", needs: authzNeedArchived,
			request: fixed(func(fx authzFixture) string { return project(fx) + "/unarchive" }, nil),
			want:    [authzCallers]authzWant{authzW(ok, ""), forbidden, projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, _ response, refused bool) {
				authzField(t, authzProject(t, fx.participant, fx.Project, ok, ""), "archived", refused)
				if refused {
					projectIntact(t, fx, true)
				}
			},
		},
		authzOp{
			method: http.MethodPost, path: "/api/v1/projects/{id}/transfer",
			request: fixed(func(fx authzFixture) string { return project(fx) + "/transfer" },
				func(fx authzFixture) string { return fmt.Sprintf(`{"userId":%q}`, fx.participant.ID) }),
			want: [authzCallers]authzWant{authzW(ok, ""), forbidden, projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, r response, refused bool) {
				if refused {
					projectIntact(t, fx, false)
					return
				}
				authzField(t, r, "role", "participant")
				authzField(t, r, "ownerId", fx.participant.ID)
				authzField(t, authzProject(t, fx.participant, fx.Project, ok, ""), "role", "owner")
			},
		},
		authzOp{
			method: http.MethodPost, path: "/api/v1/projects/{id}/leave",
			request: fixed(func(fx authzFixture) string { return project(fx) + "/leave" }, nil),
			want: [authzCallers]authzWant{authzW(http.StatusConflict, "owner_must_transfer"), authzW(noContent, ""),
				projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, _ response, refused bool) {
				if refused {
					projectIntact(t, fx, false)
					return
				}
				authzProject(t, fx.participant, fx.Project, http.StatusNotFound, "project_not_found")
				authzWantListed(t, fx.owner, project(fx)+"/members", "userId", fx.participant.ID, false)
			},
		},
		authzOp{
			method: http.MethodGet, path: "/api/v1/projects/{id}/members", shared: true,
			request: fixed(func(fx authzFixture) string { return project(fx) + "/members" }, nil),
			want:    [authzCallers]authzWant{authzW(ok, ""), authzW(ok, ""), projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, r response, refused bool) {
				if refused {
					return
				}
				items := authzPage(t, r)
				if len(items) != 2 || !authzHas(items, "userId", fx.owner.ID) || !authzHas(items, "userId", fx.participant.ID) {
					t.Fatalf("want the owner and the participant, got %s", r.Body)
				}
			},
		},
		authzOp{
			method: http.MethodPost, path: "/api/v1/projects/{id}/members",
			request: fixed(func(fx authzFixture) string { return project(fx) + "/members" },
				func(fx authzFixture) string {
					return fmt.Sprintf(`{"userId":%q,"role":"participant"}`, fx.outsider.ID)
				}),
			want: [authzCallers]authzWant{authzW(created, ""), forbidden, projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, _ response, refused bool) {
				if refused {
					authzProject(t, fx.outsider, fx.Project, http.StatusNotFound, "project_not_found")
					projectIntact(t, fx, false)
					return
				}
				authzField(t, authzProject(t, fx.outsider, fx.Project, ok, ""), "role", "participant")
			},
		},
		authzOp{
			method: http.MethodPatch, path: "/api/v1/projects/{id}/members/{userId}",
			request: fixed(func(fx authzFixture) string { return project(fx) + "/members/" + fx.participant.ID },
				func(authzFixture) string { return `{"role":"participant"}` }),
			want: [authzCallers]authzWant{authzW(ok, ""), forbidden, projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, r response, refused bool) {
				if !refused {
					authzField(t, r, "userId", fx.participant.ID)
					authzField(t, r, "role", "participant")
				}
			},
		},
		authzOp{
			method: http.MethodDelete, path: "/api/v1/projects/{id}/members/{userId}",
			request: fixed(func(fx authzFixture) string { return project(fx) + "/members/" + fx.participant.ID }, nil),
			want:    [authzCallers]authzWant{authzW(noContent, ""), forbidden, projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, _ response, refused bool) {
				if refused {
					authzProject(t, fx.participant, fx.Project, ok, "")
					projectIntact(t, fx, false)
					return
				}
				authzProject(t, fx.participant, fx.Project, http.StatusNotFound, "project_not_found")
			},
		},
	)

	// Tasks.
	ops = append(ops,
		authzOp{
			method: http.MethodPost, path: "/api/v1/projects/{projectId}/tasks",
			request: fixed(func(fx authzFixture) string { return project(fx) + "/tasks" },
				func(authzFixture) string { return `{"title":"Written by the caller"}` }),
			want: [authzCallers]authzWant{authzW(created, ""), authzW(created, ""), projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, _ response, refused bool) {
				items := authzItems(t, fx.owner, project(fx)+"/tasks?limit=200")
				if want := map[bool]int{true: 0, false: 1}[refused]; len(items) != want {
					t.Fatalf("the project has %d tasks, want %d", len(items), want)
				}
			},
		},
		authzOp{
			method: http.MethodGet, path: "/api/v1/projects/{projectId}/tasks", needs: authzNeedTask, shared: true,
			request: fixed(func(fx authzFixture) string { return project(fx) + "/tasks" }, nil),
			want:    [authzCallers]authzWant{authzW(ok, ""), authzW(ok, ""), projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, r response, refused bool) {
				if refused {
					return
				}
				if items := authzPage(t, r); len(items) != 1 || !authzHas(items, "id", fx.Task) {
					t.Fatalf("want the project's one task, got %s", r.Body)
				}
			},
		},
		authzOp{
			method: http.MethodGet, path: "/api/v1/tasks", needs: authzNeedTask, shared: true,
			request: fixed(func(authzFixture) string { return "/api/v1/tasks?limit=200" }, nil),
			want:    [authzCallers]authzWant{authzW(ok, ""), authzW(ok, ""), authzW(ok, ""), authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, who authzCaller, _ response, refused bool) {
				if refused {
					return
				}
				items := authzItems(t, fx.as(who), "/api/v1/tasks?limit=200")
				if mine := who != authzNonMember; authzHas(items, "id", fx.Task) != mine ||
					authzHas(items, "projectId", fx.Project) != mine {
					t.Fatalf("my tasks of the %s: the project's task listed = %v, want %v", who, !mine, mine)
				}
			},
		},
		authzOp{
			method: http.MethodGet, path: "/api/v1/tasks/{id}", needs: authzNeedTask, shared: true,
			request: fixed(func(fx authzFixture) string { return "/api/v1/tasks/" + fx.Task }, nil),
			want:    [authzCallers]authzWant{authzW(ok, ""), authzW(ok, ""), taskNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, r response, refused bool) {
				if !refused {
					authzField(t, r, "id", fx.Task)
				}
			},
		},
		authzOp{
			method: http.MethodPatch, path: "/api/v1/tasks/{id}", needs: authzNeedTask,
			request: fixed(func(fx authzFixture) string { return "/api/v1/tasks/" + fx.Task },
				func(authzFixture) string { return `{"title":"Changed by the caller"}` }),
			want: [authzCallers]authzWant{authzW(ok, ""), authzW(ok, ""), taskNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, _ response, refused bool) {
				if refused {
					taskIntact(t, fx)
					return
				}
				r := fx.owner.call(t, http.MethodGet, "/api/v1/tasks/"+fx.Task, "")
				expect(t, "owner reads the task", r, ok, "")
				authzField(t, r, "title", "Changed by the caller")
			},
		},
		authzOp{
			method: http.MethodDelete, path: "/api/v1/tasks/{id}", needs: authzNeedTask,
			request: fixed(func(fx authzFixture) string { return "/api/v1/tasks/" + fx.Task }, nil),
			want:    [authzCallers]authzWant{authzW(noContent, ""), authzW(noContent, ""), taskNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, _ response, refused bool) {
				if refused {
					taskIntact(t, fx)
					return
				}
				expect(t, "owner reads the deleted task", fx.owner.call(t, http.MethodGet, "/api/v1/tasks/"+fx.Task, ""),
					http.StatusNotFound, "task_not_found")
			},
		},
	)
	for _, l := range []struct {
		kind string
		need authzNeed
		id   func(authzFixture) string
	}{
		{"categories", authzNeedCategory, func(fx authzFixture) string { return fx.Category }},
		{"tags", authzNeedTag, func(fx authzFixture) string { return fx.Tag }},
	} {
		list := func(fx authzFixture) string { return project(fx) + "/" + l.kind }
		one := func(fx authzFixture) string { return list(fx) + "/" + l.id(fx) }
		// labelNamed: whether the project has the label (named name, when
		// not empty), as the owner sees it.
		labelNamed := func(t *testing.T, fx authzFixture, name string) bool {
			t.Helper()
			for _, it := range authzItems(t, fx.owner, list(fx)+"?limit=200") {
				if it["id"] == l.id(fx) && (name == "" || it["name"] == name) {
					return true
				}
			}
			return false
		}
		ops = append(ops,
			authzOp{
				method: http.MethodGet, path: "/api/v1/projects/{projectId}/" + l.kind, needs: l.need, shared: true,
				request: fixed(list, nil),
				want:    [authzCallers]authzWant{authzW(ok, ""), authzW(ok, ""), projectNotFound, authzUnauthenticated},
				after: func(t *testing.T, fx authzFixture, _ authzCaller, r response, refused bool) {
					if refused {
						return
					}
					if items := authzPage(t, r); len(items) != 1 || !authzHas(items, "id", l.id(fx)) {
						t.Fatalf("want the project's one label, got %s", r.Body)
					}
				},
			},
			authzOp{
				method: http.MethodPost, path: "/api/v1/projects/{projectId}/" + l.kind,
				request: fixed(list, func(authzFixture) string { return `{"name":"Made by the caller"}` }),
				want:    [authzCallers]authzWant{authzW(created, ""), authzW(created, ""), projectNotFound, authzUnauthenticated},
				after: func(t *testing.T, fx authzFixture, _ authzCaller, _ response, refused bool) {
					items := authzItems(t, fx.owner, list(fx)+"?limit=200")
					if got := authzHas(items, "name", "Made by the caller"); got == refused {
						t.Fatalf("the label is listed = %v after the call (refused: %v)", got, refused)
					}
				},
			},
			authzOp{
				method: http.MethodPatch, path: "/api/v1/projects/{projectId}/" + l.kind + "/{id}", needs: l.need,
				request: fixed(one, func(authzFixture) string { return `{"name":"Renamed by the caller"}` }),
				want:    [authzCallers]authzWant{authzW(ok, ""), authzW(ok, ""), projectNotFound, authzUnauthenticated},
				after: func(t *testing.T, fx authzFixture, _ authzCaller, _ response, refused bool) {
					if renamed := labelNamed(t, fx, "Renamed by the caller"); renamed == refused {
						t.Fatalf("the label is renamed = %v after the call (refused: %v)", renamed, refused)
					}
				},
			},
			authzOp{
				method: http.MethodDelete, path: "/api/v1/projects/{projectId}/" + l.kind + "/{id}", needs: l.need,
				request: fixed(one, nil),
				want:    [authzCallers]authzWant{authzW(noContent, ""), authzW(noContent, ""), projectNotFound, authzUnauthenticated},
				after: func(t *testing.T, fx authzFixture, _ authzCaller, _ response, refused bool) {
					if exists := labelNamed(t, fx, ""); exists != refused {
						t.Fatalf("the label exists = %v after the call (refused: %v)", exists, refused)
					}
				},
			},
		)
	}

	// Invitations.
	invitations := func(fx authzFixture) string { return project(fx) + "/invitations" }
	// stillPending: the invitation of the non-member is pending, as they
	// see it.
	stillPending := func(t *testing.T, fx authzFixture, pending bool) {
		t.Helper()
		authzWantListed(t, fx.outsider, "/api/v1/invitations?limit=200", "id", fx.Invitation, pending)
	}
	ops = append(ops,
		authzOp{
			method: http.MethodPost, path: "/api/v1/projects/{projectId}/invitations",
			request: fixed(invitations, func(authzFixture) string {
				return `{"email":"invitee` + authzUnique() + `@example.com","message":"Join us"}`
			}),
			want: [authzCallers]authzWant{authzW(created, ""), forbidden, projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, r response, refused bool) {
				items := authzItems(t, fx.owner, invitations(fx)+"?limit=200")
				if want := map[bool]int{true: 0, false: 1}[refused]; len(items) != want {
					t.Fatalf("the project has %d pending invitations, want %d", len(items), want)
				}
				if !refused && !authzHas(items, "id", authzInvitationID(t, r)) {
					t.Fatalf("the invitation sent is not listed: %v", items)
				}
			},
		},
		authzOp{
			method: http.MethodGet, path: "/api/v1/projects/{projectId}/invitations",
			needs: authzNeedInvitation, shared: true,
			request: fixed(invitations, nil),
			want:    [authzCallers]authzWant{authzW(ok, ""), forbidden, projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, r response, refused bool) {
				if refused {
					return
				}
				if items := authzPage(t, r); len(items) != 1 || !authzHas(items, "id", fx.Invitation) {
					t.Fatalf("want the project's one invitation, got %s", r.Body)
				}
			},
		},
		authzOp{
			method: http.MethodDelete, path: "/api/v1/projects/{projectId}/invitations/{invitationId}",
			needs:   authzNeedInvitation,
			request: fixed(func(fx authzFixture) string { return invitations(fx) + "/" + fx.Invitation }, nil),
			want:    [authzCallers]authzWant{authzW(noContent, ""), forbidden, projectNotFound, authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, _ response, refused bool) {
				stillPending(t, fx, refused)
			},
		},
		authzOp{
			method: http.MethodGet, path: "/api/v1/invitations",
			needs: authzNeedInvitation | authzNeedForeignInvitation, shared: true,
			request: fixed(func(authzFixture) string { return "/api/v1/invitations?limit=200" }, nil),
			want:    [authzCallers]authzWant{authzW(ok, ""), authzW(ok, ""), authzW(ok, ""), authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, who authzCaller, _ response, refused bool) {
				if refused {
					return
				}
				items := authzItems(t, fx.as(who), "/api/v1/invitations?limit=200")
				if authzHas(items, "id", fx.ForeignInvitation) {
					t.Fatalf("the %s is shown an invitation addressed to someone else", who)
				}
				if addressed := who == authzNonMember; authzHas(items, "id", fx.Invitation) != addressed {
					t.Fatalf("the %s: invitation of the non-member listed = %v, want %v", who, !addressed, addressed)
				}
				if who != authzNonMember && authzHas(items, "projectId", fx.Project) {
					t.Fatalf("the %s is shown invitations to the project they are in", who)
				}
			},
		},
		authzOp{
			method: http.MethodPost, path: "/api/v1/invitations/{invitationId}/accept", needs: authzNeedInvitation,
			request: fixed(func(fx authzFixture) string { return "/api/v1/invitations/" + fx.Invitation + "/accept" }, nil),
			want:    [authzCallers]authzWant{invitationNotFound, invitationNotFound, authzW(ok, ""), authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, r response, refused bool) {
				if refused {
					stillPending(t, fx, true)
					authzProject(t, fx.outsider, fx.Project, http.StatusNotFound, "project_not_found")
					projectIntact(t, fx, false)
					return
				}
				m, _ := r.json(t)["membership"].(map[string]any)
				if m["projectId"] != fx.Project || m["role"] != "participant" {
					t.Fatalf("want a participant's membership of the project, got %s", r.Body)
				}
				authzField(t, authzProject(t, fx.outsider, fx.Project, ok, ""), "role", "participant")
			},
		},
		authzOp{
			method: http.MethodPost, path: "/api/v1/invitations/{invitationId}/reject", needs: authzNeedInvitation,
			request: fixed(func(fx authzFixture) string { return "/api/v1/invitations/" + fx.Invitation + "/reject" }, nil),
			want:    [authzCallers]authzWant{invitationNotFound, invitationNotFound, authzW(ok, ""), authzUnauthenticated},
			after: func(t *testing.T, fx authzFixture, _ authzCaller, r response, refused bool) {
				stillPending(t, fx, refused)
				if !refused {
					inv, _ := r.json(t)["invitation"].(map[string]any)
					if inv["id"] != fx.Invitation || inv["status"] != "rejected" {
						t.Fatalf("want the invitation rejected, got %s", r.Body)
					}
				}
			},
		},
	)
	return ops
}

// authzGhostID returns a UUID that names nothing.
func authzGhostID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// authzIndistinguishable fails unless the not-found answer r is exactly
// what the same call gets for objects that do not exist at all: a refused
// caller learns nothing about what is there.
func authzIndistinguishable(t *testing.T, op authzOp, fx authzFixture, who authzCaller, r response) {
	t.Helper()
	ghost := fx
	for _, id := range []*string{&ghost.Project, &ghost.Task, &ghost.Category, &ghost.Tag, &ghost.Invitation, &ghost.ForeignInvitation} {
		*id = authzGhostID()
	}
	path, body := op.request(t, ghost)
	g := fx.as(who).call(t, op.method, path, body)
	if g.Status != r.Status || !reflect.DeepEqual(g.json(t)["error"], r.json(t)["error"]) {
		t.Fatalf("the %s tells an existing object from a missing one: %d %s, but %d %s for nothing",
			who, r.Status, r.Body, g.Status, g.Body)
	}
}

// authzDocuments are the OpenAPI documents whose every operation the
// matrix covers.
var authzDocuments = []string{"projects", "tasks", "invitations"}

// authzDocumented is an operation of an OpenAPI document.
type authzDocumented struct {
	service  string
	statuses []string // documented response statuses
}

// authzReadDocuments returns the documented operations by "METHOD path",
// and the raw text of each document. Paths outside /api/v1/ are not API
// operations the gateway routes and are left out.
func authzReadDocuments(t *testing.T) (map[string]authzDocumented, map[string]string) {
	t.Helper()
	ops := map[string]authzDocumented{}
	texts := map[string]string{}
	for _, service := range authzDocuments {
		raw, err := os.ReadFile(filepath.Join("..", "services", service, "openapi.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		texts[service] = string(raw)
		var doc struct {
			Paths map[string]map[string]yaml.Node `yaml:"paths"`
		}
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s openapi.yaml: %v", service, err)
		}
		if len(doc.Paths) == 0 {
			t.Fatalf("%s openapi.yaml has no paths", service)
		}
		for path, item := range doc.Paths {
			if !strings.HasPrefix(path, "/api/v1/") {
				t.Logf("%s: %s is not under /api/v1/, left out", service, path)
				continue
			}
			for key, node := range item {
				method := strings.ToUpper(key)
				switch method {
				case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete,
					http.MethodHead, http.MethodOptions, http.MethodTrace:
				default:
					continue
				}
				var op struct {
					Responses map[string]yaml.Node `yaml:"responses"`
				}
				if err := node.Decode(&op); err != nil {
					t.Fatalf("%s %s %s: %v", service, method, path, err)
				}
				d := authzDocumented{service: service}
				for status := range op.Responses {
					d.statuses = append(d.statuses, status)
				}
				ops[method+" "+path] = d
			}
		}
	}
	return ops, texts
}

// Every operation of the projects, tasks and invitations APIs, as an
// owner, a participant, a non-member and an anonymous client: members do
// what their role allows, a participant is refused the owner's operations,
// a non-member is told nothing exists and sees nothing of the project in
// any list, and the gateway refuses anonymous calls.
func TestAuthzMatrix(t *testing.T) {
	ops := authzOps()

	t.Run("every documented operation has a row", func(t *testing.T) {
		documented, texts := authzReadDocuments(t)
		rows := map[string]bool{}
		for _, op := range ops {
			key := op.method + " " + op.path
			if rows[key] {
				t.Errorf("%s has two rows", key)
			}
			rows[key] = true
			doc, ok := documented[key]
			if !ok {
				t.Errorf("%s is in the matrix but in no document", key)
				continue
			}
			for who, w := range op.want {
				if w.status == 0 {
					t.Errorf("%s: no answer for the %s", key, authzCaller(who))
					continue
				}
				if !slices.Contains(doc.statuses, fmt.Sprint(w.status)) {
					t.Errorf("%s: the %s's %d is not a documented answer (%v)", key, authzCaller(who), w.status, doc.statuses)
				}
				if w.code != "" && w.code != "token_missing" && !strings.Contains(texts[doc.service], "`"+w.code+"`") {
					t.Errorf("%s: code %s is not in the %s document", key, w.code, doc.service)
				}
			}
		}
		var missing []string
		for key := range documented {
			if !rows[key] {
				missing = append(missing, key)
			}
		}
		sort.Strings(missing)
		for _, key := range missing {
			t.Errorf("%s (%s) has no row in the matrix", key, documented[key].service)
		}
	})

	cast := authzCast{
		owner:       newPerson(t, "owner"),
		participant: newPerson(t, "participant"),
		outsider:    newPerson(t, "outsider"),
	}
	for _, op := range ops {
		var shared *authzFixture
		for who := range authzCallers {
			t.Run(who.String()+"/"+op.method+" "+op.path, func(t *testing.T) {
				var fx authzFixture
				switch {
				case op.shared && shared != nil:
					fx = *shared
				default:
					fx = authzSetUp(t, cast, op.needs)
					if op.shared {
						shared = &fx
					}
				}
				path, body := op.request(t, fx)
				r := fx.as(who).call(t, op.method, path, body)
				w := op.want[who]
				expect(t, who.String()+" "+op.method+" "+path, r, w.status, w.code)
				if w.status == http.StatusNotFound {
					authzIndistinguishable(t, op, fx, who, r)
				}
				if op.after != nil {
					op.after(t, fx, who, r, w.status >= 400)
				}
			})
		}
	}
}

// A member who is removed, or who leaves, loses access on the access
// token they already hold: at once at the projects service, and within
// the membership views' window (viewWindow) everywhere else. The project,
// its tasks, categories and tags are not found, and their task list no
// longer shows the project's tasks. TestRemovalWindowUnderLoad proves the
// window with requests in flight.
func TestRemovedMemberLosesAccessAtOnce(t *testing.T) {
	owner := newPerson(t, "owner")
	member := newPerson(t, "member")
	// Another project the member stays in: their lists do not go empty,
	// they lose exactly the project they left.
	other := newProject(t, owner, "Stays")
	addParticipant(t, owner, other, member)
	kept, _ := newTask(t, owner, other, map[string]any{"title": "Kept " + authzUnique()})["id"].(string)

	for _, how := range []struct {
		name   string
		remove func(t *testing.T, projectID string)
	}{
		{"removed by the owner", func(t *testing.T, projectID string) {
			expect(t, "owner removes the member",
				owner.call(t, http.MethodDelete, "/api/v1/projects/"+projectID+"/members/"+member.ID, ""), http.StatusNoContent, "")
		}},
		{"left", func(t *testing.T, projectID string) {
			expect(t, "member leaves",
				member.call(t, http.MethodPost, "/api/v1/projects/"+projectID+"/leave", ""), http.StatusNoContent, "")
		}},
	} {
		t.Run(how.name, func(t *testing.T) {
			project := newProject(t, owner, "Gone "+authzUnique())
			addParticipant(t, owner, project, member)
			task, _ := newTask(t, owner, project, map[string]any{"title": "Gone " + authzUnique()})["id"].(string)
			category := authzLabel(t, owner, project, "categories")
			tag := authzLabel(t, owner, project, "tags")
			base := "/api/v1/projects/" + project

			authzProject(t, member, project, http.StatusOK, "")
			authzWantListed(t, member, base+"/tasks", "id", task, true)
			expect(t, "member reads the task", member.call(t, http.MethodGet, "/api/v1/tasks/"+task, ""), http.StatusOK, "")
			authzWantListed(t, member, base+"/categories", "id", category, true)
			authzWantListed(t, member, base+"/tags", "id", tag, true)
			authzWantListed(t, member, "/api/v1/tasks?limit=200", "id", task, true)
			authzWantListed(t, member, "/api/v1/tasks?limit=200", "id", kept, true)

			how.remove(t, project)
			time.Sleep(viewWindow)

			steps := []struct {
				name, method, path, body string
				code                     string
			}{
				{"project", http.MethodGet, base, "", "project_not_found"},
				{"members", http.MethodGet, base + "/members", "", "project_not_found"},
				{"project's tasks", http.MethodGet, base + "/tasks", "", "project_not_found"},
				{"task by id", http.MethodGet, "/api/v1/tasks/" + task, "", "task_not_found"},
				{"categories", http.MethodGet, base + "/categories", "", "project_not_found"},
				{"tags", http.MethodGet, base + "/tags", "", "project_not_found"},
				{"change the task", http.MethodPatch, "/api/v1/tasks/" + task, `{"title":"Still here"}`, "task_not_found"},
				{"create a task", http.MethodPost, base + "/tasks", `{"title":"Still here"}`, "project_not_found"},
				{"delete the category", http.MethodDelete, base + "/categories/" + category, "", "project_not_found"},
				{"delete the tag", http.MethodDelete, base + "/tags/" + tag, "", "project_not_found"},
			}
			for _, s := range steps {
				expect(t, "former member: "+s.name, member.call(t, s.method, s.path, s.body), http.StatusNotFound, s.code)
			}
			mine := authzItems(t, member, "/api/v1/tasks?limit=200")
			if authzHas(mine, "projectId", project) {
				t.Fatal("the former member's task list still shows the project's tasks")
			}
			if !authzHas(mine, "id", kept) {
				t.Fatal("the former member's task list lost the tasks of a project they are still in")
			}
			authzWantListed(t, member, "/api/v1/projects?archived=all&limit=200", "id", project, false)
			authzWantListed(t, member, "/api/v1/projects?archived=all&limit=200", "id", other, true)

			// Nothing the former member tried was written.
			r := owner.call(t, http.MethodGet, "/api/v1/tasks/"+task, "")
			expect(t, "owner reads the task", r, http.StatusOK, "")
			if r.str(t, "title") == "Still here" {
				t.Fatal("a former member changed the task")
			}
			authzWantListed(t, owner, base+"/categories", "id", category, true)
			authzWantListed(t, owner, base+"/tags", "id", tag, true)
		})
	}
}

// An archived project is read-only for everyone: every change its owner
// or a participant may make to a live project answers 409
// project_archived (in the services that hold a membership view, from
// viewWindow after the archiving on), while everything stays readable;
// unarchiving makes it writable again at once.
func TestArchivedProjectIsReadOnly(t *testing.T) {
	cast := authzCast{
		owner:       newPerson(t, "owner"),
		participant: newPerson(t, "participant"),
		outsider:    newPerson(t, "outsider"),
	}
	fx := authzSetUp(t, cast, authzNeedTask|authzNeedCategory|authzNeedTag|authzNeedInvitation|authzNeedForeignInvitation)
	base := "/api/v1/projects/" + fx.Project
	r := fx.owner.call(t, http.MethodPost, base+"/archive", "")
	expect(t, "archive", r, http.StatusOK, "")
	authzField(t, r, "archived", true)
	time.Sleep(viewWindow)

	type call struct{ name, method, path, body string }
	memberWrites := []call{
		{"create a task", http.MethodPost, base + "/tasks", `{"title":"Not while archived"}`},
		{"change a task", http.MethodPatch, "/api/v1/tasks/" + fx.Task, `{"title":"Not while archived"}`},
		{"delete a task", http.MethodDelete, "/api/v1/tasks/" + fx.Task, ""},
		{"create a category", http.MethodPost, base + "/categories", `{"name":"Not while archived"}`},
		{"rename a category", http.MethodPatch, base + "/categories/" + fx.Category, `{"name":"Not while archived"}`},
		{"delete a category", http.MethodDelete, base + "/categories/" + fx.Category, ""},
		{"create a tag", http.MethodPost, base + "/tags", `{"name":"Not while archived"}`},
		{"rename a tag", http.MethodPatch, base + "/tags/" + fx.Tag, `{"name":"Not while archived"}`},
		{"delete a tag", http.MethodDelete, base + "/tags/" + fx.Tag, ""},
	}
	ownerWrites := []call{
		{"update the project", http.MethodPatch, base, `{"name":"Not while archived"}`},
		{"invite", http.MethodPost, base + "/invitations", `{"email":"late` + authzUnique() + `@example.com"}`},
		{"cancel an invitation", http.MethodDelete, base + "/invitations/" + fx.ForeignInvitation, ""},
		{"add a member", http.MethodPost, base + "/members", fmt.Sprintf(`{"userId":%q,"role":"participant"}`, fx.outsider.ID)},
		{"change a role", http.MethodPatch, base + "/members/" + fx.participant.ID, `{"role":"participant"}`},
		{"remove a member", http.MethodDelete, base + "/members/" + fx.participant.ID, ""},
		{"transfer", http.MethodPost, base + "/transfer", fmt.Sprintf(`{"userId":%q}`, fx.participant.ID)},
	}
	reads := []call{
		{"project", http.MethodGet, base, ""},
		{"members", http.MethodGet, base + "/members", ""},
		{"tasks", http.MethodGet, base + "/tasks", ""},
		{"task", http.MethodGet, "/api/v1/tasks/" + fx.Task, ""},
		{"categories", http.MethodGet, base + "/categories", ""},
		{"tags", http.MethodGet, base + "/tags", ""},
	}

	for _, who := range []authzCaller{authzOwner, authzParticipant} {
		p := fx.as(who)
		t.Run(who.String()+"/writes answer project_archived", func(t *testing.T) {
			for _, c := range memberWrites {
				expect(t, c.name, p.call(t, c.method, c.path, c.body), http.StatusConflict, "project_archived")
			}
			if who == authzOwner {
				for _, c := range ownerWrites {
					expect(t, c.name, p.call(t, c.method, c.path, c.body), http.StatusConflict, "project_archived")
				}
				return
			}
			expect(t, "leave", p.call(t, http.MethodPost, base+"/leave", ""), http.StatusConflict, "project_archived")
			// The owner's operations stay the owner's: a participant is told
			// about their role, as on a live project.
			for _, c := range ownerWrites {
				expect(t, c.name, p.call(t, c.method, c.path, c.body), http.StatusForbidden, "forbidden_role")
			}
		})
		t.Run(who.String()+"/reads work", func(t *testing.T) {
			for _, c := range reads {
				expect(t, c.name, p.call(t, c.method, c.path, c.body), http.StatusOK, "")
			}
			authzField(t, authzProject(t, p, fx.Project, http.StatusOK, ""), "archived", true)
			authzWantListed(t, p, base+"/tasks", "id", fx.Task, true)
			authzWantListed(t, p, "/api/v1/tasks?limit=200", "id", fx.Task, true)
			authzWantListed(t, p, "/api/v1/projects?archived=true&limit=200", "id", fx.Project, true)
			authzWantListed(t, p, "/api/v1/projects?limit=200", "id", fx.Project, false)
			if who == authzOwner {
				authzWantListed(t, p, base+"/invitations", "id", fx.Invitation, true)
			}
		})
	}
	t.Run("non-member/accepting an invitation answers project_archived", func(t *testing.T) {
		expect(t, "accept", fx.outsider.call(t, http.MethodPost, "/api/v1/invitations/"+fx.Invitation+"/accept", ""),
			http.StatusConflict, "project_archived")
		authzProject(t, fx.outsider, fx.Project, http.StatusNotFound, "project_not_found")
	})
	t.Run("nothing changed", func(t *testing.T) {
		r := authzProject(t, fx.owner, fx.Project, http.StatusOK, "")
		authzField(t, r, "memberCount", float64(2))
		authzField(t, r, "ownerId", fx.owner.ID)
		if r.str(t, "name") == "Not while archived" {
			t.Fatal("the archived project was renamed")
		}
		tasks := authzItems(t, fx.owner, base+"/tasks")
		if len(tasks) != 1 || tasks[0]["title"] != fx.TaskTitle {
			t.Fatalf("the archived project's tasks changed: %v", tasks)
		}
		for kind, id := range map[string]string{"categories": fx.Category, "tags": fx.Tag} {
			items := authzItems(t, fx.owner, base+"/"+kind)
			if len(items) != 1 || items[0]["id"] != id || items[0]["name"] == "Not while archived" {
				t.Fatalf("the archived project's %s changed: %v", kind, items)
			}
		}
		invs := authzItems(t, fx.owner, base+"/invitations")
		if len(invs) != 2 {
			t.Fatalf("the archived project's pending invitations changed: %v", invs)
		}
	})

	t.Run("unarchive restores writes", func(t *testing.T) {
		r := fx.owner.call(t, http.MethodPost, base+"/unarchive", "")
		expect(t, "unarchive", r, http.StatusOK, "")
		authzField(t, r, "archived", false)
		for _, who := range []authzCaller{authzOwner, authzParticipant} {
			p := fx.as(who)
			task := p.call(t, http.MethodPost, base+"/tasks", `{"title":"Back to work"}`)
			expect(t, who.String()+" creates a task", task, http.StatusCreated, "")
			id := task.str(t, "id")
			expect(t, who.String()+" changes the task", p.call(t, http.MethodPatch, "/api/v1/tasks/"+id, `{"title":"Back at it"}`), http.StatusOK, "")
			for _, kind := range []string{"categories", "tags"} {
				l := p.call(t, http.MethodPost, base+"/"+kind, jsonBody(t, map[string]any{"name": who.String() + " " + authzUnique()}))
				expect(t, who.String()+" creates "+kind, l, http.StatusCreated, "")
				lid := l.str(t, "id")
				expect(t, who.String()+" renames "+kind, p.call(t, http.MethodPatch, base+"/"+kind+"/"+lid,
					jsonBody(t, map[string]any{"name": "Renamed " + authzUnique()})), http.StatusOK, "")
				expect(t, who.String()+" deletes "+kind, p.call(t, http.MethodDelete, base+"/"+kind+"/"+lid, ""), http.StatusNoContent, "")
			}
			expect(t, who.String()+" deletes the task", p.call(t, http.MethodDelete, "/api/v1/tasks/"+id, ""), http.StatusNoContent, "")
		}
		expect(t, "owner updates the project", fx.owner.call(t, http.MethodPatch, base, `{"description":"Live again"}`), http.StatusOK, "")
		expect(t, "owner invites", fx.owner.call(t, http.MethodPost, base+"/invitations",
			`{"email":"back`+authzUnique()+`@example.com"}`), http.StatusCreated, "")
		expect(t, "owner cancels an invitation", fx.owner.call(t, http.MethodDelete, base+"/invitations/"+fx.ForeignInvitation, ""),
			http.StatusNoContent, "")
		acc := fx.outsider.call(t, http.MethodPost, "/api/v1/invitations/"+fx.Invitation+"/accept", "")
		expect(t, "the invitee accepts", acc, http.StatusOK, "")
		authzField(t, authzProject(t, fx.outsider, fx.Project, http.StatusOK, ""), "role", "participant")
	})

	t.Run("owner deletes an archived project", func(t *testing.T) {
		expect(t, "archive again", fx.owner.call(t, http.MethodPost, base+"/archive", ""), http.StatusOK, "")
		expect(t, "delete", fx.owner.call(t, http.MethodDelete, base, ""), http.StatusNoContent, "")
		authzProject(t, fx.participant, fx.Project, http.StatusNotFound, "project_not_found")
	})
}
