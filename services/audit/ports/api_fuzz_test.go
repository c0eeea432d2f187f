package ports_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/authntest"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/statekv"

	"github.com/taskrocket/taskrocket/services/audit/adapters"
	"github.com/taskrocket/taskrocket/services/audit/app"
	"github.com/taskrocket/taskrocket/services/audit/ports"
)

var errorCode = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// FuzzActivityAPI sends arbitrary path segments and queries to the
// activity routes and arbitrary CloudEvents to the subscriber route: no
// panic, no 5xx; refusals in the error shape; a delivery is always
// answered SUCCESS, RETRY or DROP. Seeds in testdata/fuzz/FuzzActivityAPI.
func FuzzActivityAPI(f *testing.F) {
	f.Add(uint8(0), "", "limit=2", []byte(`{"specversion":"1.0","id":"e1","source":"/t","type":"taskrocket.task.created.v1","data":{"projectId":"x"}}`))
	f.Add(uint8(1), "", "cursor=eyJwIjoiL2FwaS92MS9tZS9hY3Rpdml0eSIsImIiOjF9", []byte(`{"specversion":"1.0","id":"e2","source":"/t","type":"x","data":"text"}`))
	f.Add(uint8(2), "%00", "limit=-1", []byte(`{`))
	f.Add(uint8(3), "../x", "", []byte(`{"specversion":"1.0","id":"e3","source":"/t","type":"taskrocket.task.updated.v1","data":{"changed":["a","a"],"previous":[1],"task":7}}`))

	doc, err := os.ReadFile("../openapi.yaml")
	if err != nil {
		f.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	tokens := authntest.New(f)
	peers := &fakePeers{members: map[string]map[string]bool{}, tasks: map[string]string{}}
	me := uuid.Must(uuid.NewV7()).String()
	pid := peers.project(me)
	tid := peers.task(pid)
	application := &app.App{Store: adapters.NewStore(statekv.NewMemory(nil), time.Hour, nil), Projects: peers, Tasks: peers}
	srv := httpserver.New(httpserver.Options{Service: "audit", Logger: log})
	if err := ports.Register(srv.Engine, application, ports.Options{Log: log, Verifier: tokens.Verifier(), AppToken: appToken, OpenAPI: doc}); err != nil {
		f.Fatal(err)
	}
	token := tokens.Mint(me, uuid.NewString(), "me")
	paths := []string{"/api/v1/projects/%s/activity", "/api/v1/tasks/%s/activity", "/api/v1/me/activity"}

	f.Fuzz(func(t *testing.T, route uint8, segment, query string, event []byte) {
		p := paths[int(route)%len(paths)]
		switch {
		case segment == "" && strings.Contains(p, "projects"):
			segment = pid
		case segment == "":
			segment = tid
		default:
			segment = url.PathEscape(segment)
		}
		target := strings.Replace(p, "%s", segment, 1)
		if query != "" {
			target += "?" + query
		}
		if req, err := http.NewRequest(http.MethodGet, target, nil); err == nil {
			req.Header.Set("Authorization", "Bearer "+token)
			rec := httptest.NewRecorder()
			srv.Engine.ServeHTTP(rec, req)
			checkAnswer(t, target, rec)
		}
		req := httptest.NewRequest(http.MethodPost, ports.RouteEvents, bytes.NewReader(event))
		req.Header.Set("dapr-api-token", appToken)
		rec := httptest.NewRecorder()
		srv.Engine.ServeHTTP(rec, req)
		var out struct{ Status string }
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &out) != nil ||
			(out.Status != "SUCCESS" && out.Status != "RETRY" && out.Status != "DROP") {
			t.Fatalf("delivery of %q -> %d %s", event, rec.Code, rec.Body)
		}
	})
}

func checkAnswer(t *testing.T, target string, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code >= 500 {
		t.Fatalf("GET %s -> %d: %s", target, rec.Code, rec.Body)
	}
	if rec.Code >= 400 {
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if json.Unmarshal(rec.Body.Bytes(), &e) != nil || !errorCode.MatchString(e.Error.Code) || e.Error.Message == "" {
			t.Fatalf("GET %s -> %d without the error shape: %s", target, rec.Code, rec.Body)
		}
	}
}
