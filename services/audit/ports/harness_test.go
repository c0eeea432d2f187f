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

	"github.com/taskrocket/taskrocket/services/platform/apitest"
	"github.com/taskrocket/taskrocket/services/platform/authntest"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/statekv"

	"github.com/taskrocket/taskrocket/services/audit/adapters"
	"github.com/taskrocket/taskrocket/services/audit/app"
	"github.com/taskrocket/taskrocket/services/audit/domain"
	"github.com/taskrocket/taskrocket/services/audit/ports"
)

const appToken = "test-app-token"

// env is the audit service on an in-memory state store whose clock the
// test moves, with fake projects and tasks services.
type env struct {
	t      *testing.T
	api    *apitest.Client
	kv     *statekv.Memory
	peers  *fakePeers
	tokens *authntest.Tokens
	mu     sync.Mutex
	now    time.Time
}

func newEnv(t *testing.T, retention time.Duration) *env {
	t.Helper()
	e := &env{t: t, peers: &fakePeers{members: map[string]map[string]bool{}, tasks: map[string]string{}},
		tokens: authntest.New(t), now: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)}
	e.kv = statekv.NewMemory(e.clock)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	application := &app.App{Store: adapters.NewStore(e.kv, retention, e.clock), Projects: e.peers, Tasks: e.peers}
	e.api = apitest.Serve(t, "audit", log, func(engine *gin.Engine, doc []byte) error {
		return ports.Register(engine, application, ports.Options{Log: log, Verifier: e.tokens.Verifier(), AppToken: appToken, OpenAPI: doc})
	})
	return e
}

func (e *env) clock() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.now
}

func (e *env) advance(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.now = e.now.Add(d)
}

type user struct{ ID, Token string }

func (e *env) user() user {
	id := uuid.Must(uuid.NewV7()).String()
	return user{ID: id, Token: e.tokens.Mint(id, uuid.NewString(), "u")}
}

type req = apitest.Request

// deliver hands an event to the subscriber route as the sidecar would and
// returns its id and the answer.
func (e *env) deliver(eventType, subject string, data any) (string, string) {
	e.t.Helper()
	ev, err := events.New("/test", eventType, subject, data)
	if err != nil {
		e.t.Fatal(err)
	}
	return ev.ID, e.redeliver(ev)
}

func (e *env) redeliver(ev events.Event) string {
	e.t.Helper()
	raw, _ := json.Marshal(ev)
	res := e.api.Must(e.t, http.StatusOK, req{Method: "POST", Path: ports.RouteEvents, AppToken: appToken, Body: raw})
	var out struct{ Status string }
	_ = json.Unmarshal(res.Body, &out)
	return out.Status
}

type page struct {
	Items      []domain.Entry `json:"items"`
	NextCursor string         `json:"nextCursor"`
}

func (e *env) page(as user, path string) page {
	e.t.Helper()
	res := e.api.Must(e.t, http.StatusOK, req{Method: "GET", Path: path, Token: as.Token})
	var p page
	if err := json.Unmarshal(res.Body, &p); err != nil {
		e.t.Fatal(err)
	}
	return p
}

type fakePeers struct {
	mu      sync.Mutex
	members map[string]map[string]bool
	tasks   map[string]string
}

func (f *fakePeers) IsMember(_ context.Context, projectID, userID string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.members[projectID][userID], nil
}

func (f *fakePeers) TaskProject(_ context.Context, c app.Caller, taskID string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	pid, ok := f.tasks[taskID]
	if !ok || !f.members[pid][c.UserID] {
		return "", domain.ErrTaskNotFound
	}
	return pid, nil
}

func (f *fakePeers) project(members ...string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	pid := uuid.Must(uuid.NewV7()).String()
	f.members[pid] = map[string]bool{}
	for _, m := range members {
		f.members[pid][m] = true
	}
	return pid
}

func (f *fakePeers) task(projectID string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	tid := uuid.Must(uuid.NewV7()).String()
	f.tasks[tid] = projectID
	return tid
}
