package ports_test

import (
	"context"
	"encoding/json"
	"errors"
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
	"github.com/taskrocket/taskrocket/services/platform/clocktest"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/statekv"

	"github.com/taskrocket/taskrocket/services/collaboration/adapters"
	"github.com/taskrocket/taskrocket/services/collaboration/app"
	"github.com/taskrocket/taskrocket/services/collaboration/ports"
)

const appToken = "test-app-token"

// env is the collaboration service on an in-memory state store, with fake
// projects, tasks and users services and real, verifiable access tokens.
type env struct {
	t      *testing.T
	api    *apitest.Client
	kv     *statekv.Memory
	store  *adapters.Store
	clock  *clocktest.Clock
	peers  *fakePeers
	pub    *recorder
	tokens *authntest.Tokens
}

func newEnv(t *testing.T) *env {
	t.Helper()
	clock := clocktest.New(time.Now().UTC())
	kv := statekv.NewMemory(clock.Now)
	pub := &recorder{}
	peers := newFakePeers()
	store := adapters.NewStore(kv, pub, clock.Now)
	tokens := authntest.New(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	application := app.New(app.Deps{Store: store, Projects: peers, Tasks: peers, Users: peers, Log: log})
	api := apitest.Serve(t, "collaboration", log, func(engine *gin.Engine, doc []byte) error {
		return ports.Register(engine, application, ports.Options{Log: log, Verifier: tokens.Verifier(), AppToken: appToken, OpenAPI: doc})
	})
	e := &env{t: t, api: api, kv: kv, store: store, clock: clock, peers: peers, pub: pub, tokens: tokens}
	t.Cleanup(func() { pub.checkAll(t) })
	return e
}

// user is a signed-in person.
type user struct {
	ID, Username, Token string
}

func (e *env) user(username string) user {
	id := uuid.Must(uuid.NewV7()).String()
	e.peers.name(id, username, "Name of "+username)
	return user{ID: id, Username: username, Token: e.tokens.Mint(id, uuid.NewString(), username)}
}

type (
	req      = apitest.Request
	response = apitest.Response
)

func (e *env) do(r req) response { e.t.Helper(); return e.api.Do(e.t, r) }

func (e *env) must(want int, r req) response { e.t.Helper(); return e.api.Must(e.t, want, r) }

func (e *env) refuse(status int, code string, r req) response {
	e.t.Helper()
	return e.api.Refuse(e.t, status, code, r)
}

// comment is a comment as the API returns it.
type comment struct {
	ID        string  `json:"id"`
	ProjectID string  `json:"projectId"`
	TaskID    *string `json:"taskId"`
	Author    struct {
		ID          string  `json:"id"`
		Username    *string `json:"username"`
		DisplayName string  `json:"displayName"`
		Deleted     bool    `json:"deleted"`
	} `json:"author"`
	Body      string   `json:"body"`
	HTML      string   `json:"html"`
	Mentions  []string `json:"mentionedUserIds"`
	Reactions []struct {
		Emoji   string   `json:"emoji"`
		Count   int      `json:"count"`
		UserIDs []string `json:"userIds"`
		Mine    bool     `json:"reactedByMe"`
	} `json:"reactions"`
	Edited  bool  `json:"edited"`
	Version int64 `json:"version"`
}

type commentList struct {
	Items      []comment `json:"items"`
	Total      int       `json:"total"`
	NextCursor string    `json:"nextCursor"`
}

func decode[T any](t *testing.T, res response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(res.Body, &v); err != nil {
		t.Fatalf("decode %s: %v", res.Body, err)
	}
	return v
}

func (e *env) post(as user, path, body string) comment {
	e.t.Helper()
	raw, _ := json.Marshal(map[string]string{"body": body})
	return decode[comment](e.t, e.must(http.StatusCreated, req{Method: "POST", Path: path, Token: as.Token, Body: raw}))
}

func (e *env) list(as user, path string) commentList {
	e.t.Helper()
	return decode[commentList](e.t, e.must(http.StatusOK, req{Method: "GET", Path: path, Token: as.Token}))
}

// deliver hands an event to a subscriber route as the sidecar would.
func (e *env) deliver(route, eventType string, data any) string {
	e.t.Helper()
	ev, err := events.New("/test", eventType, "s", data)
	if err != nil {
		e.t.Fatal(err)
	}
	raw, _ := json.Marshal(ev)
	res := e.must(http.StatusOK, req{Method: "POST", Path: route, AppToken: appToken, Body: raw})
	return decode[struct{ Status string }](e.t, res).Status
}

// recorder is the pub/sub: it keeps what is published and can fail.
type recorder struct {
	mu     sync.Mutex
	events []events.Event
	down   bool
}

func (r *recorder) Publish(_ context.Context, pubsub, topic string, raw []byte) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.down {
		return errors.New("broker unreachable")
	}
	ev, err := events.Parse(raw)
	if err != nil || pubsub != contracts.PubSub || topic != contracts.TopicComments {
		return errors.New("bad publication")
	}
	r.events = append(r.events, ev)
	return nil
}

func (r *recorder) setDown(down bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.down = down
}

// ofType returns the distinct published events of a type, in order.
func (r *recorder) ofType(eventType string) []events.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []events.Event
	seen := map[string]bool{}
	for _, ev := range r.events {
		if ev.Type == eventType && !seen[ev.ID] {
			seen[ev.ID] = true
			out = append(out, ev)
		}
	}
	return out
}

// checkAll validates every published event against its schema.
func (r *recorder) checkAll(t *testing.T) {
	v, err := contracts.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, ev := range r.events {
		if ev.Source != app.EventSource || ev.DataSchema != contracts.SchemaURL(ev.Type) || ev.Subject == "" {
			t.Errorf("event %s: source %q dataschema %q subject %q", ev.ID, ev.Source, ev.DataSchema, ev.Subject)
		}
		if err := v.Validate(ev.Type, ev.Data); err != nil {
			t.Errorf("published %s fails its schema: %v\n%s", ev.Type, err, ev.Data)
		}
	}
}
