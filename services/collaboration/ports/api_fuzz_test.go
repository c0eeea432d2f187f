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
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/authntest"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/statekv"

	"github.com/taskrocket/taskrocket/services/collaboration/adapters"
	"github.com/taskrocket/taskrocket/services/collaboration/app"
	"github.com/taskrocket/taskrocket/services/collaboration/ports"
)

// fuzzRoutes are the public routes, with %s where the fuzzed path
// segment goes.
var fuzzRoutes = []struct{ method, path string }{
	{"GET", "/api/v1/tasks/%s/comments"},
	{"POST", "/api/v1/tasks/%s/comments"},
	{"GET", "/api/v1/projects/%s/comments"},
	{"POST", "/api/v1/projects/%s/comments"},
	{"GET", "/api/v1/projects/%s/comment-counts"},
	{"GET", "/api/v1/projects/%s/mentionable"},
	{"GET", "/api/v1/comments/%s"},
	{"PATCH", "/api/v1/comments/%s"},
	{"DELETE", "/api/v1/comments/%s"},
	{"POST", "/api/v1/comments/%s/reactions"},
	{"DELETE", "/api/v1/comments/%s/reactions"},
}

var errorCode = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// FuzzCommentsAPI sends arbitrary path segments, queries, bodies and
// If-Match headers to every public route of a member's project: no
// panic, no 5xx, and every refusal in the error shape with a stable code.
// The seed corpus is in testdata/fuzz/FuzzCommentsAPI; `go test -fuzz`
// explores further.
func FuzzCommentsAPI(f *testing.F) {
	for i := range fuzzRoutes {
		f.Add(uint8(i), "", "", []byte(`{"body":"hello @ada"}`), "")
	}
	f.Add(uint8(1), "", "order=newest&limit=2", []byte(`{"body":"`+"\u202e"+`"}`), `"1"`)
	f.Add(uint8(9), "", "emoji=%F0%9F%91%8D", []byte(`{"emoji":"👍🏽"}`), "")

	doc, err := os.ReadFile("../openapi.yaml")
	if err != nil {
		f.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	tokens := authntest.New(f)
	peers := newFakePeers()
	owner := uuid.Must(uuid.NewV7()).String()
	peers.name(owner, "ada", "Ada")
	pid := peers.project(owner)
	tid := peers.task(pid)
	application := app.New(app.Deps{Store: adapters.NewStore(statekv.NewMemory(nil), &recorder{}, nil),
		Projects: peers, Tasks: peers, Users: peers, Log: log})
	srv := httpserver.New(httpserver.Options{Service: "collaboration", Logger: log})
	if err := ports.Register(srv.Engine, application, ports.Options{Log: log, Verifier: tokens.Verifier(), AppToken: appToken, OpenAPI: doc}); err != nil {
		f.Fatal(err)
	}
	token := tokens.Mint(owner, uuid.NewString(), "ada")
	seedComment := postForFuzz(f, srv.Engine, token, "/api/v1/tasks/"+tid+"/comments")

	f.Fuzz(func(t *testing.T, route uint8, segment, query string, body []byte, ifMatch string) {
		r := fuzzRoutes[int(route)%len(fuzzRoutes)]
		switch segment {
		case "":
			segment = map[bool]string{true: tid, false: pid}[r.path[8:13] == "tasks"]
			if r.path[8:16] == "comments" {
				segment = seedComment
			}
		default:
			segment = url.PathEscape(segment)
		}
		target := fmtPath(r.path, segment)
		if query != "" {
			target += "?" + query
		}
		req, err := http.NewRequest(r.method, target, bytes.NewReader(body))
		if err != nil {
			return // not a request a client could send
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		if ifMatch != "" {
			req.Header.Set("If-Match", ifMatch)
		}
		rec := httptest.NewRecorder()
		srv.Engine.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s -> %d: %s", r.method, target, rec.Code, rec.Body)
		}
		if rec.Code >= 400 {
			var e struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if json.Unmarshal(rec.Body.Bytes(), &e) != nil || !errorCode.MatchString(e.Error.Code) || e.Error.Message == "" {
				t.Fatalf("%s %s -> %d without the error shape: %s", r.method, target, rec.Code, rec.Body)
			}
		}
	})
}

func fmtPath(pattern, segment string) string {
	return regexp.MustCompile(`%s`).ReplaceAllLiteralString(pattern, segment)
}

func postForFuzz(f *testing.F, e *gin.Engine, token, path string) string {
	req := httptest.NewRequest("POST", path, bytes.NewReader([]byte(`{"body":"seed"}`)))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	var c struct{ ID string }
	if rec.Code != http.StatusCreated || json.Unmarshal(rec.Body.Bytes(), &c) != nil {
		f.Fatalf("seed comment: %d %s", rec.Code, rec.Body)
	}
	return c.ID
}
