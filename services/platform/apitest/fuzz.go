package apitest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzMethods are the methods a fuzzed request picks from (by index, so
// the fuzzer explores them all rather than inventing tokens).
var FuzzMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete,
	http.MethodHead, http.MethodOptions}

// FuzzEnv is a service under fuzzing: its HTTP handler, the credentials a
// fuzzed request may carry, chosen by the bits of its auth argument (a
// valid access token, bit 0; the sidecar's app token, bit 1), so that
// inputs reach the decoding behind either check, and Vars, placeholders
// such as "{project}" replaced in targets and bodies by the ids of objects
// the target created, so that seeds reach past the lookups.
type FuzzEnv struct {
	Handler  http.Handler
	Token    string
	AppToken string
	Vars     map[string]string
}

// Request builds the request a fuzz target sends: method by index, target
// (path and query) as a client would write it, body as raw bytes (sent as
// JSON), and the credentials auth selects. ok is false for a target no
// HTTP server would accept as a request line; such inputs say nothing
// about the service.
func (e FuzzEnv) Request(method uint8, target string, body []byte, auth uint8) (*http.Request, bool) {
	for k, v := range e.Vars {
		target = strings.ReplaceAll(target, k, v)
		body = bytes.ReplaceAll(body, []byte(k), []byte(v))
	}
	if !strings.HasPrefix(target, "/") {
		target = "/" + target
	}
	if strings.ContainsAny(target, " \t\r\n#") || !utf8.ValidString(target) {
		return nil, false
	}
	u, err := url.ParseRequestURI(target)
	if err != nil {
		return nil, false
	}
	r := httptest.NewRequest(FuzzMethods[int(method)%len(FuzzMethods)], "/", bytes.NewReader(body))
	r.URL, r.RequestURI = u, target
	if len(body) > 0 {
		r.Header.Set("Content-Type", "application/json")
	}
	if auth&1 != 0 && e.Token != "" {
		r.Header.Set("Authorization", "Bearer "+e.Token)
	}
	if auth&2 != 0 && e.AppToken != "" {
		r.Header.Set("dapr-api-token", e.AppToken)
	}
	return r, true
}

var errorCode = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// CheckFuzzAnswer fails the test when a service answered a request with a
// server error (a panic recovered by the platform's middleware is a 500 as
// well) or answered 4xx with anything but the API's error shape
// {"error": {"code": "...", "message": "..."}}. A HEAD answer has no body.
func CheckFuzzAnswer(t testing.TB, r *http.Request, status int, body []byte) {
	t.Helper()
	if status >= 500 {
		t.Fatalf("%s %s -> %d (a server error for client input): %.500s", r.Method, r.RequestURI, status, body)
	}
	if status < 400 || r.Method == http.MethodHead {
		return
	}
	var doc struct {
		Error *struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &doc); err != nil || doc.Error == nil || !errorCode.MatchString(doc.Error.Code) || doc.Error.Message == "" {
		t.Fatalf("%s %s -> %d without the error shape: %.500s", r.Method, r.RequestURI, status, body)
	}
}

// Serve sends the fuzzed request to the handler in process and checks the
// answer with CheckFuzzAnswer; inputs that make no request are skipped.
func (e FuzzEnv) Serve(t *testing.T, method uint8, target string, body []byte, auth uint8) *httptest.ResponseRecorder {
	t.Helper()
	r, ok := e.Request(method, target, body, auth)
	if !ok {
		t.Skip("not a request target a server would accept")
	}
	rec := httptest.NewRecorder()
	e.Handler.ServeHTTP(rec, r)
	CheckFuzzAnswer(t, r, rec.Code, rec.Body.Bytes())
	return rec
}
