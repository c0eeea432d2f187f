package ports_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
	"github.com/taskrocket/taskrocket/services/platform/apitest"
	"github.com/taskrocket/taskrocket/services/platform/authntest"
	"github.com/taskrocket/taskrocket/services/platform/clocktest"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"
	"github.com/taskrocket/taskrocket/services/platform/statekv"

	"github.com/taskrocket/taskrocket/services/priorities/adapters"
	"github.com/taskrocket/taskrocket/services/priorities/app"
	"github.com/taskrocket/taskrocket/services/priorities/domain"
	"github.com/taskrocket/taskrocket/services/priorities/ports"
)

const appToken = "test-app-token"

var start = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

// env is the priorities service on a fresh database with an in-memory
// cache, a fake projects service and a fake tasks service (world), whose
// changes are delivered to the service as the sidecar would deliver them.
type env struct {
	t      *testing.T
	db     *gorm.DB
	api    *apitest.Client
	app    *app.App
	world  *world
	tokens *authntest.Tokens
	clock  *clocktest.Clock
	cache  *statekv.Memory
	outbox contracttest.Outbox
	hits   int // next-up answers served from the cache (X-Cache: hit)
}

// newEnv takes a testing.TB so that a fuzz target (testing.F) can build
// one; env.t, for the helpers, is then nil: fuzz targets use api alone.
func newEnv(t testing.TB) *env {
	t.Helper()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	cache := statekv.NewMemory(nil)
	tokens := authntest.New(t)
	c := clocktest.New(start)
	w := newWorld(c)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	application := app.New(app.Deps{
		Store: adapters.NewStore(db), Projects: w, Tasks: w, Cache: adapters.NewCache(cache), Log: log, Now: c.Now,
	})
	api := apitest.Serve(t, "priorities", log, func(engine *gin.Engine, doc []byte) error {
		return ports.Register(engine, application, ports.Options{Log: log, Verifier: tokens.Verifier(), AppToken: appToken, OpenAPI: doc})
	})
	self, _ := t.(*testing.T)
	e := &env{t: self, db: db, api: api, app: application, world: w, tokens: tokens, clock: c, cache: cache,
		outbox: contracttest.Outbox{DB: db, Topic: contracts.TopicPriorities, Source: app.EventSource, Subject: true}}
	t.Cleanup(func() { e.outbox.CheckAll(t) })
	return e
}

type user struct{ ID, Token string }

func (e *env) user() user {
	id := uuid.Must(uuid.NewV7()).String()
	return user{ID: id, Token: e.tokens.Mint(id, uuid.NewString(), "user")}
}

// project creates a project owned by owner with the other members.
func (e *env) project(owner user, members ...user) string {
	pid := uuid.Must(uuid.NewV7()).String()
	e.world.mu.Lock()
	defer e.world.mu.Unlock()
	e.world.members[pid] = map[string]string{owner.ID: contracts.RoleOwner}
	for _, m := range members {
		e.world.members[pid][m.ID] = contracts.RoleParticipant
	}
	return pid
}

func (e *env) must(want int, r apitest.Request) apitest.Response {
	e.t.Helper()
	return e.api.Must(e.t, want, r)
}

// deliver sends an event of the tasks topic to the service as its
// sidecar would, and requires it to be acknowledged.
func (e *env) deliver(route, typ, subject string, data any) {
	e.t.Helper()
	ev, err := events.New("/tasks", typ, subject, data)
	if err != nil {
		e.t.Fatal(err)
	}
	res := e.must(http.StatusOK, apitest.Request{Method: http.MethodPost, Path: route, Body: ev, AppToken: appToken})
	if s := res.JSON(e.t)["status"]; s != "SUCCESS" {
		e.t.Fatalf("event %s answered %v", typ, s)
	}
}

// save changes a task in the world (creating it when new) and delivers
// the event the tasks service would publish.
func (e *env) save(actor user, t contracts.Task) contracts.Task {
	e.t.Helper()
	t = e.world.put(t)
	typ := contracts.EventTaskUpdated
	if t.Version == 1 {
		typ = contracts.EventTaskCreated
	}
	e.deliver(ports.RouteTasks, typ, t.ID, map[string]any{"actor": contracts.Actor{UserID: actor.ID}, "projectId": t.ProjectID, "taskId": t.ID, "task": t})
	return t
}

// newTask is a task of the project, due in due (0: no due date).
func newTask(projectID, title, priority string, due time.Duration, assignees ...string) contracts.Task {
	t := contracts.Task{ID: uuid.Must(uuid.NewV7()).String(), ProjectID: projectID, Title: title, Status: contracts.TaskTodo,
		Priority: priority, AssigneeIDs: assignees, TagIDs: []string{}, Position: "a" + title}
	if due != 0 {
		d := start.Add(due)
		t.DueAt = &d
	}
	return t
}

// world is the projects and tasks services as the service sees them.
type world struct {
	mu      sync.Mutex
	clock   *clocktest.Clock
	members map[string]map[string]string
	tasks   map[string]contracts.Task
	loads   int
}

func newWorld(c *clocktest.Clock) *world {
	return &world{clock: c, members: map[string]map[string]string{}, tasks: map[string]contracts.Task{}}
}

func (w *world) put(t contracts.Task) contracts.Task {
	w.mu.Lock()
	defer w.mu.Unlock()
	t.Version = w.tasks[t.ID].Version + 1
	t.UpdatedAt = w.clock.Now()
	if t.CreatedAt.IsZero() {
		t.CreatedAt = t.UpdatedAt
	}
	w.tasks[t.ID] = t
	return t
}

func (w *world) remove(id string) (contracts.Task, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	t, ok := w.tasks[id]
	delete(w.tasks, id)
	return t, ok
}

// truth is a fresh computation of next up from the world: the project's
// (projectID set) or the user's.
func (w *world) truth(rules map[string][]domain.Rule, userID, projectID string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var ts []domain.Task
	for _, c := range w.tasks {
		if projectID != "" && c.ProjectID != projectID {
			continue
		}
		if projectID == "" && (!slices.Contains(c.AssigneeIDs, userID) || w.members[c.ProjectID][userID] == "") {
			continue
		}
		ts = append(ts, domain.TaskFromContract(c))
	}
	top := domain.Top(ts, func(pid string) []domain.Rule { return rules[pid] }, w.clock.Now(), domain.MaxNextUp)
	out := make([]string, 0, len(top))
	for _, r := range top {
		out = append(out, fmt.Sprintf("%s:%s", r.Task.ID, r.Effective.Level))
	}
	return out
}

func (w *world) Membership(ctx context.Context, projectID, userID string) (app.Membership, error) {
	return w.Confirm(ctx, projectID, userID)
}

func (w *world) Confirm(_ context.Context, projectID, userID string) (app.Membership, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	role, ok := w.members[projectID][userID]
	if !ok {
		return app.Membership{}, domain.ErrProjectNotFound
	}
	return app.Membership{ProjectID: projectID, UserID: userID, Owner: role == contracts.RoleOwner}, nil
}

func (w *world) UserProjects(_ context.Context, userID string) ([]string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for pid, ms := range w.members {
		if ms[userID] != "" {
			out = append(out, pid)
		}
	}
	slices.Sort(out)
	return out, nil
}

func (w *world) Owner(_ context.Context, projectID string) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for uid, role := range w.members[projectID] {
		if role == contracts.RoleOwner {
			return uid, nil
		}
	}
	return "", domain.ErrProjectNotFound
}

func (w *world) OpenTasks(_ context.Context, projectID string) ([]domain.Task, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.loads++
	var out []domain.Task
	for _, c := range w.tasks {
		if c.ProjectID == projectID && c.Status != contracts.TaskDone {
			out = append(out, domain.TaskFromContract(c))
		}
	}
	return out, nil
}

// nextUp asks the API for next up and returns "taskId:effective" items.
func (e *env) nextUp(u user, projectID string) []string {
	e.t.Helper()
	path := "/api/v1/priorities/next-up?limit=50"
	if projectID != "" {
		path += "&projectId=" + projectID
	}
	res := e.must(http.StatusOK, apitest.Request{Method: http.MethodGet, Path: path, Token: u.Token})
	if res.Header.Get("X-Cache") == "hit" {
		e.hits++
	}
	var body struct {
		Items []app.NextUpItem `json:"items"`
	}
	if err := json.Unmarshal(res.Body, &body); err != nil {
		e.t.Fatal(err)
	}
	out := make([]string, 0, len(body.Items))
	for _, it := range body.Items {
		out = append(out, it.TaskID+":"+it.Effective)
	}
	return out
}

// rules returns the project's rules as the service holds them.
func (e *env) rules(projectIDs ...string) map[string][]domain.Rule {
	e.t.Helper()
	out, err := adapters.NewStore(e.db).RulesOf(context.Background(), projectIDs)
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

// rule creates a rule as u and returns its id.
func (e *env) rule(u user, projectID string, body string) string {
	e.t.Helper()
	res := e.must(http.StatusCreated, apitest.Request{Method: http.MethodPost,
		Path: "/api/v1/projects/" + projectID + "/priority-rules", Body: body, Token: u.Token})
	return res.JSON(e.t)["id"].(string)
}
