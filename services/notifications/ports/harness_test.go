package ports_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apitest"
	"github.com/taskrocket/taskrocket/services/platform/authntest"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/notifications/adapters"
	"github.com/taskrocket/taskrocket/services/notifications/app"
	"github.com/taskrocket/taskrocket/services/notifications/domain"
	"github.com/taskrocket/taskrocket/services/notifications/ports"
)

const appToken = "test-app-token"

// env is the notifications service over an in-memory state store, with
// real templates and verifiable tokens, and fakes that record what would
// leave through the bindings and the jobs API.
type env struct {
	t      *testing.T
	api    *apitest.Client
	docs   *adapters.MemoryDocs
	tokens *authntest.Tokens
	out    *outbox
}

// outbox records mail, pushes and scheduled digests; users are the
// accounts the users service knows.
type outbox struct {
	mu     sync.Mutex
	mails  []app.Mail
	pushes []string // user ids
	jobs   map[string]time.Time
	users  map[string]domain.Profile
}

func (o *outbox) Send(_ context.Context, m app.Mail) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.mails = append(o.mails, m)
	return nil
}

func (o *outbox) Push(_ context.Context, userID string, _ domain.Notification, _ string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.pushes = append(o.pushes, userID)
	return nil
}

func (o *outbox) ScheduleDigest(_ context.Context, userID string, at time.Time) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.jobs[userID] = at
	return nil
}

func (o *outbox) Profile(_ context.Context, userID string) (domain.Profile, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	p, ok := o.users[userID]
	if !ok {
		return p, app.ErrNotFound
	}
	return p, nil
}

func (o *outbox) counts() (mails, pushes int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.mails), len(o.pushes)
}

func newEnv(t *testing.T) *env {
	t.Helper()
	docs := adapters.NewMemoryDocs()
	tokens := authntest.New(t)
	out := &outbox{jobs: map[string]time.Time{}, users: map[string]domain.Profile{}}
	templates, err := adapters.NewTemplates()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	application := app.New(app.Deps{
		Docs: docs, Projects: &adapters.ProjectViews{Docs: docs}, Users: out, Mailer: out, Renderer: templates,
		Pusher: out, Scheduler: out, Log: log,
		Config: app.Config{UIBaseURL: "https://app.example", APIBaseURL: "https://api.example", FeedRecheck: 50 * time.Millisecond},
	})
	api := apitest.Serve(t, "notifications", log, func(engine *gin.Engine, doc []byte) error {
		return ports.Register(engine, application, ports.Options{Log: log, Verifier: tokens.Verifier(), AppToken: appToken, OpenAPI: doc})
	})
	return &env{t: t, api: api, docs: docs, tokens: tokens, out: out}
}

type (
	req      = apitest.Request
	response = apitest.Response
)

// user is a signed-in person the users service knows.
type user struct {
	ID, Token, Email string
}

func (e *env) user(name string) user {
	id := uuid.Must(uuid.NewV7()).String()
	u := user{ID: id, Token: e.tokens.Mint(id, uuid.NewString(), name), Email: name + "@example.com"}
	e.out.mu.Lock()
	e.out.users[id] = domain.Profile{ID: id, Username: name, DisplayName: name, Email: u.Email, Timezone: "Europe/Warsaw"}
	e.out.mu.Unlock()
	return u
}

func (e *env) do(r req) response {
	e.t.Helper()
	return e.api.Do(e.t, r)
}

func (e *env) must(want int, r req) response {
	e.t.Helper()
	return e.api.Must(e.t, want, r)
}

// deliver hands an event to the service as the sidecar does and returns
// its id; deliverAgain redelivers one.
func (e *env) deliver(route, eventType string, data any) events.Event {
	e.t.Helper()
	ev, err := events.New("/test", eventType, "", data)
	if err != nil {
		e.t.Fatal(err)
	}
	e.deliverAgain(route, ev)
	return ev
}

func (e *env) deliverAgain(route string, ev events.Event) {
	e.t.Helper()
	r := e.must(http.StatusOK, req{Method: http.MethodPost, Path: route, Body: ev, AppToken: appToken})
	if got := r.JSON(e.t)["status"]; got != "SUCCESS" {
		e.t.Fatalf("delivery of %s answered %v: %s", ev.Type, got, r.Body)
	}
}

// project makes a project owned by owner with the other members (who
// joined by accepting an invitation: they are not told they joined), as
// the projects events describe it.
func (e *env) project(owner user, members ...user) string {
	id := uuid.Must(uuid.NewV7()).String()
	now := time.Now().UTC()
	e.deliver(ports.RouteProjects, contracts.EventProjectCreated, contracts.ProjectCreated{
		Actor: contracts.Actor{UserID: owner.ID}, ProjectID: id, Name: "Launch", Key: "LAU", OwnerID: owner.ID, OccurredAt: now})
	for _, m := range members {
		e.deliver(ports.RouteProjects, contracts.EventProjectMemberAdded, contracts.ProjectMemberAdded{
			Actor: contracts.Actor{UserID: m.ID}, ProjectID: id, ProjectName: "Launch", UserID: m.ID, Role: "participant", OccurredAt: now})
	}
	return id
}

// assign announces a new task of the project assigned to assignee.
func (e *env) assign(actor user, projectID string, assignee user) (taskID string, ev events.Event) {
	taskID = uuid.Must(uuid.NewV7()).String()
	now := time.Now().UTC()
	e.deliver(ports.RouteTasks, contracts.EventTaskCreated, contracts.TaskCreated{Actor: contracts.Actor{UserID: actor.ID},
		ProjectID: projectID, TaskID: taskID, OccurredAt: now,
		Task: contracts.Task{ID: taskID, ProjectID: projectID, Title: "Ship it", Version: 1, CreatedBy: actor.ID, CreatedAt: now, UpdatedAt: now}})
	ev = e.deliver(ports.RouteTasks, contracts.EventTaskAssigned, contracts.TaskAssigned{Actor: contracts.Actor{UserID: actor.ID},
		ProjectID: projectID, TaskID: taskID, Title: "Ship it", UserID: assignee.ID, OccurredAt: now})
	return taskID, ev
}

// inbox lists u's notifications (newest first).
func (e *env) inbox(u user, query string) (items []map[string]any, unread int, next any) {
	e.t.Helper()
	r := e.must(http.StatusOK, req{Method: http.MethodGet, Path: "/api/v1/notifications" + query, Token: u.Token})
	var page struct {
		Items       []map[string]any `json:"items"`
		UnreadCount int              `json:"unreadCount"`
		NextCursor  any              `json:"nextCursor"`
	}
	if err := json.Unmarshal(r.Body, &page); err != nil {
		e.t.Fatal(err)
	}
	return page.Items, page.UnreadCount, page.NextCursor
}
