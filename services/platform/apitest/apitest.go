// Package apitest checks a service against its OpenAPI document in tests:
// the document is valid, every served route is documented and every
// documented route is served, and real responses match their schemas. Its
// Client drives a service's HTTP surface in process and checks each answer
// on the way, so that the tests of every service share one harness.
package apitest

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/gin-gonic/gin"
)

// Spec is a loaded, validated OpenAPI document.
type Spec struct {
	Doc    *openapi3.T
	router routers.Router
}

// Load parses and validates raw (YAML or JSON) and fails the test if it is
// not a valid OpenAPI document.
func Load(t testing.TB, raw []byte) *Spec {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(raw)
	if err != nil {
		t.Fatalf("OpenAPI document does not load: %v", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("not a valid OpenAPI document: %v", err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("OpenAPI document: %v", err)
	}
	return &Spec{Doc: doc, router: router}
}

// CheckResponse fails the test when the response to r does not match the
// document: an undocumented status, a body that breaks its schema or a
// missing required header. Requests to undocumented paths are ignored
// (CheckRoutes reports those).
func (s *Spec) CheckResponse(t testing.TB, r *http.Request, status int, header http.Header, body []byte) {
	t.Helper()
	route, params, err := s.router.FindRoute(r)
	if err != nil {
		return
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: opts},
		Status:                 status,
		Header:                 header,
		Options:                opts,
	}
	in.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("%s %s -> %d does not match the OpenAPI document: %v\nbody: %s", r.Method, r.URL.Path, status, err, body)
	}
}

var ginParam = regexp.MustCompile(`[:*]([A-Za-z0-9_]+)`)

// CheckRoutes fails the test unless the engine's routes whose path starts
// with prefix and the document's operations under that prefix are the same
// set. It returns the served routes ("GET /api/v1/x/{id}").
func (s *Spec) CheckRoutes(t testing.TB, e *gin.Engine, prefix string) []string {
	t.Helper()
	var served, documented []string
	for _, r := range e.Routes() {
		if strings.HasPrefix(r.Path, prefix) {
			served = append(served, r.Method+" "+ginParam.ReplaceAllString(r.Path, "{$1}"))
		}
	}
	for path, item := range s.Doc.Paths.Map() {
		if !strings.HasPrefix(path, prefix) {
			continue
		}
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	slices.Sort(served)
	for _, r := range served {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is served but not documented", r)
		}
	}
	for _, r := range documented {
		if !slices.Contains(served, r) {
			t.Errorf("the document describes %s, which is not served", r)
		}
	}
	return served
}
