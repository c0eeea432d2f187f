package ports_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apitest"
	"github.com/taskrocket/taskrocket/services/platform/authntest"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/search/adapters"
	"github.com/taskrocket/taskrocket/services/search/app"
	"github.com/taskrocket/taskrocket/services/search/ports"
)

const appToken = "test-app-token"

// env is the search service on a real Bleve index and catalog in a
// temporary folder, with a fake membership the test changes.
type env struct {
	t       *testing.T
	api     *apitest.Client
	tokens  *authntest.Tokens
	members *fakeMembers
	clock   time.Time
	source  *fakeSource
}

func newEnv(t *testing.T) *env {
	t.Helper()
	gens := &adapters.Generations{Dir: t.TempDir(), NoSync: true}
	t.Cleanup(gens.Close)
	store, err := gens.Current()
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, tokens: authntest.New(t), members: &fakeMembers{of: map[string]map[string]bool{}},
		clock: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), source: &fakeSource{}}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	application := app.New(app.Deps{Catalog: store.Catalog, Index: store.Index, Members: e.members, Log: log,
		Source: e.source, Fresh: gens.Fresh, Retire: gens.Retire})
	e.api = apitest.Serve(t, "search", log, func(engine *gin.Engine, doc []byte) error {
		return ports.Register(engine, application, ports.Options{Log: log, Verifier: e.tokens.Verifier(), AppToken: appToken, OpenAPI: doc})
	})
	return e
}

type user struct{ ID, Token string }

func (e *env) user(name string) user {
	id := uuid.Must(uuid.NewV7()).String()
	e.deliver(ports.RouteUsers, contracts.EventUserRegistered, contracts.UserRegistered{
		UserID: id, Username: name, DisplayName: name + " " + name + "son", OccurredAt: e.tick()})
	return user{ID: id, Token: e.tokens.Mint(id, uuid.NewString(), name)}
}

func (e *env) tick() time.Time {
	e.clock = e.clock.Add(time.Second)
	return e.clock
}

// project creates a project with the given members (the first is the
// owner).
func (e *env) project(name, key string, members ...user) string {
	id := uuid.Must(uuid.NewV7()).String()
	e.deliver(ports.RouteProjects, contracts.EventProjectCreated, contracts.ProjectCreated{
		ProjectID: id, ProjectVersion: 1, Name: name, Key: key, OccurredAt: e.tick()})
	for _, m := range members {
		e.members.add(id, m.ID)
	}
	return id
}

// task is a task as the tasks service announces it; save announces it.
type task = contracts.Task

func newTask(projectID, title string) task {
	return task{ID: uuid.Must(uuid.NewV7()).String(), ProjectID: projectID, Title: title,
		Status: contracts.TaskTodo, Priority: contracts.PriorityNone, Version: 1,
		AssigneeIDs: []string{}, TagIDs: []string{}}
}

func (e *env) save(t task) events.Event {
	typ := contracts.EventTaskUpdated
	if t.Version == 1 {
		typ = contracts.EventTaskCreated
	}
	t.UpdatedAt = e.tick()
	return e.deliver(ports.RouteTasks, typ, contracts.TaskUpdated{ProjectID: t.ProjectID, TaskID: t.ID, Task: t, OccurredAt: t.UpdatedAt})
}

func (e *env) deleteTask(t task) {
	e.deliver(ports.RouteTasks, contracts.EventTaskDeleted, contracts.TaskDeleted{
		ProjectID: t.ProjectID, TaskID: t.ID, Title: t.Title, OccurredAt: e.tick()})
}

func (e *env) tag(projectID, name string) string {
	id := uuid.Must(uuid.NewV7()).String()
	e.deliver(ports.RouteTasks, contracts.EventTagCreated, contracts.TagCreated{
		ProjectID: projectID, TagID: id, Name: name, Color: "#000000", OccurredAt: e.tick()})
	return id
}

func (e *env) comment(t task, body string) string {
	id := uuid.Must(uuid.NewV7()).String()
	tid := t.ID
	e.deliver(ports.RouteComments, contracts.EventCommentCreated, contracts.CommentCreated{
		ProjectID: t.ProjectID, TaskID: &tid, CommentID: id, OccurredAt: e.tick(),
		Comment: contracts.Comment{ID: id, ProjectID: t.ProjectID, TaskID: &tid, Body: body, Version: 1}})
	return id
}

// deliver hands an event to a subscriber route as the sidecar would and
// fails unless it is acknowledged.
func (e *env) deliver(route, eventType string, data any) events.Event {
	e.t.Helper()
	ev, err := events.New("/test", eventType, "", data)
	if err != nil {
		e.t.Fatal(err)
	}
	if got := e.redeliver(route, ev); got != "SUCCESS" {
		e.t.Fatalf("%s: %s", eventType, got)
	}
	return ev
}

func (e *env) redeliver(route string, ev events.Event) string {
	e.t.Helper()
	raw, _ := json.Marshal(ev)
	res := e.api.Must(e.t, http.StatusOK, apitest.Request{Method: "POST", Path: route, AppToken: appToken, Body: raw})
	var out struct{ Status string }
	_ = json.Unmarshal(res.Body, &out)
	return out.Status
}

type hit struct {
	Kind       string              `json:"kind"`
	ID         string              `json:"id"`
	ProjectID  string              `json:"projectId"`
	ProjectKey string              `json:"projectKey"`
	Title      string              `json:"title"`
	Status     string              `json:"status"`
	Highlights map[string][]string `json:"highlights"`
}

type facetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

type results struct {
	Items      []hit                   `json:"items"`
	Total      int                     `json:"total"`
	Facets     map[string][]facetValue `json:"facets"`
	NextCursor string                  `json:"nextCursor"`
}

func (r results) titles() []string {
	var out []string
	for _, h := range r.Items {
		out = append(out, h.Title)
	}
	return out
}

// search asks as the user with the given parameters ("q" first).
func (e *env) search(as user, params url.Values) results {
	e.t.Helper()
	res := e.api.Must(e.t, http.StatusOK, apitest.Request{Method: "GET", Path: "/api/v1/search?" + params.Encode(), Token: as.Token})
	var out results
	if err := json.Unmarshal(res.Body, &out); err != nil {
		e.t.Fatal(err)
	}
	return out
}

// find searches for text and has every facet counted.
func (e *env) find(as user, text string) results {
	e.t.Helper()
	return e.search(as, url.Values{"q": {text}, "facets": {"all"}})
}

type fakeMembers struct {
	mu sync.Mutex
	of map[string]map[string]bool // user -> projects
}

func (f *fakeMembers) add(projectID, userID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.of[userID] == nil {
		f.of[userID] = map[string]bool{}
	}
	f.of[userID][projectID] = true
}

func (f *fakeMembers) remove(projectID, userID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.of[userID], projectID)
}

func (f *fakeMembers) UserProjects(_ context.Context, userID string) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for p := range f.of[userID] {
		out = append(out, p)
	}
	return out, nil
}
