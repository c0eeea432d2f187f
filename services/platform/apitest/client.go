package apitest

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

// Client sends requests to a service's engine in process and checks every
// answer on an /api/ route against the service's OpenAPI document, so that
// each test of behaviour is also a test of the published contract.
type Client struct {
	Engine *gin.Engine
	Spec   *Spec
}

// NewClient returns a client of engine that checks answers against spec.
func NewClient(engine *gin.Engine, spec *Spec) *Client {
	return &Client{Engine: engine, Spec: spec}
}

// DocumentPath is where a service's OpenAPI document lies as seen from the
// tests of its ports package.
const DocumentPath = "../openapi.yaml"

// Serve builds the platform's HTTP server for service, as the service's
// main does, lets register mount the service's routes given its OpenAPI
// document (read from DocumentPath), and returns a client of it that checks
// answers against that document.
func Serve(t testing.TB, service string, log *slog.Logger, register func(engine *gin.Engine, doc []byte) error) *Client {
	t.Helper()
	doc, err := os.ReadFile(DocumentPath)
	if err != nil {
		t.Fatal(err)
	}
	srv := httpserver.New(httpserver.Options{Service: service, Addr: "127.0.0.1:0", Logger: log})
	if err := register(srv.Engine, doc); err != nil {
		t.Fatal(err)
	}
	return NewClient(srv.Engine, Load(t, doc))
}

// Request describes one request. Body is JSON-encoded unless it is a
// string, []byte or io.Reader (an io.Reader is sent without a
// Content-Length); a request with a body is marked application/json. Token,
// when set, is sent as a bearer token; AppToken as the dapr-api-token
// header, as the sidecar delivers internal calls and events. Header entries
// are set last and so override all of these.
type Request struct {
	Method, Path string
	Body         any
	Token        string
	AppToken     string
	Header       map[string]string
}

// Response is a recorded answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON returns the body as a JSON object and fails the test if it is not
// one.
func (r Response) JSON(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v: %s", err, r.Body)
	}
	return m
}

// Code returns the stable error code of an error answer ("" otherwise).
func (r Response) Code() string {
	var body struct {
		Error struct{ Code string } `json:"error"`
	}
	_ = json.Unmarshal(r.Body, &body)
	return body.Error.Code
}

// Do sends r to the engine and returns the answer, after checking it
// against the document when the path starts with /api/.
func (c *Client) Do(t testing.TB, r Request) Response {
	t.Helper()
	var body io.Reader
	switch b := r.Body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	case io.Reader:
		body = b
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	hr := httptest.NewRequest(r.Method, r.Path, body)
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.Token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.Token)
	}
	if r.AppToken != "" {
		hr.Header.Set("dapr-api-token", r.AppToken)
	}
	for k, v := range r.Header {
		hr.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	c.Engine.ServeHTTP(rec, hr)
	res := Response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	if strings.HasPrefix(hr.URL.Path, "/api/") {
		c.Spec.CheckResponse(t, hr, res.Status, res.Header, res.Body)
	}
	return res
}

// Must sends r and fails the test unless the answer has status want.
func (c *Client) Must(t testing.TB, want int, r Request) Response {
	t.Helper()
	res := c.Do(t, r)
	if res.Status != want {
		t.Fatalf("%s %s: status %d, want %d: %s", r.Method, r.Path, res.Status, want, res.Body)
	}
	return res
}

// Refuse sends r and fails the test unless the answer is status with the
// stable error code code.
func (c *Client) Refuse(t testing.TB, status int, code string, r Request) Response {
	t.Helper()
	res := c.Do(t, r)
	if res.Status != status || res.Code() != code {
		t.Fatalf("%s %s: got %d %q, want %d %q: %.300s", r.Method, r.Path, res.Status, res.Code(), status, code, res.Body)
	}
	return res
}

// Object returns the JSON object whose members are fields, each value
// already JSON; a bad-input test builds a valid body and spoils one member.
func Object(fields map[string]string) string {
	parts := make([]string, 0, len(fields))
	for k, v := range fields {
		parts = append(parts, `"`+k+`":`+v)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// CheckRoutes fails the test unless the served /api/ routes and the
// document's operations are the same set, of want routes.
func (c *Client) CheckRoutes(t testing.TB, want int) {
	t.Helper()
	served := c.Spec.CheckRoutes(t, c.Engine, "/api/")
	if len(served) != want {
		t.Errorf("served public routes: %v", served)
	}
}

// CheckServedDocument fails the test unless GET /openapi.json answers with
// a valid OpenAPI 3.1 document as JSON, the form clients and the gateway
// read.
func (c *Client) CheckServedDocument(t testing.TB) {
	t.Helper()
	res := c.Must(t, http.StatusOK, Request{Method: "GET", Path: "/openapi.json"})
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("content type %q", ct)
	}
	Load(t, res.Body)
	if !strings.HasPrefix(string(res.Body), `{"openapi":"3.1.`) {
		t.Errorf("not an OpenAPI 3.1 document: %.40s", res.Body)
	}
}

// CountRows returns the number of rows of each table, so that a test can
// show that a refused request wrote nothing.
func CountRows(t testing.TB, db *gorm.DB, tables ...string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range tables {
		var n int64
		if err := db.Raw("SELECT count(*) FROM " + table).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}
