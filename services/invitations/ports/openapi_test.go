package ports_test

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
)

// spec is the service's OpenAPI document, used to check real responses.
type spec struct {
	doc    *openapi3.T
	router routers.Router
}

func loadSpec(t *testing.T, raw []byte) *spec {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(raw)
	if err != nil {
		t.Fatalf("openapi.yaml does not load: %v", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("openapi.yaml is not a valid OpenAPI document: %v", err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	return &spec{doc: doc, router: router}
}

// checkResponse fails the test when a response of a documented operation
// does not match the document: undocumented status, wrong body or missing
// required header.
func (s *spec) checkResponse(t *testing.T, r *http.Request, res response) {
	t.Helper()
	if !strings.HasPrefix(r.URL.Path, "/api/") {
		return
	}
	route, params, err := s.router.FindRoute(r)
	if err != nil {
		return // an undocumented method or path: the route test covers those
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: opts},
		Status:                 res.Status,
		Header:                 res.Header,
		Options:                opts,
	}
	in.SetBodyBytes(res.Body)
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("%s %s -> %d does not match openapi.yaml: %v\nbody: %s", r.Method, r.URL.Path, res.Status, err, res.Body)
	}
}

var ginParam = regexp.MustCompile(`:([A-Za-z0-9_]+)`)

func TestEveryPublicRouteIsDocumentedAndViceVersa(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var served []string
	for _, r := range e.engine.Routes() {
		if strings.HasPrefix(r.Path, "/api/") {
			served = append(served, r.Method+" "+ginParam.ReplaceAllString(r.Path, "{$1}"))
		}
	}
	var documented []string
	for path, item := range e.spec.doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	slices.Sort(served)
	slices.Sort(documented)
	if !slices.Equal(served, documented) {
		t.Errorf("served routes %v\ndocumented %v", served, documented)
	}
	if len(served) != 6 {
		t.Errorf("served public routes: %v", served)
	}
}

func TestOpenAPIDocumentIsServed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.must(http.StatusOK, req{Method: "GET", Path: "/openapi.json"})
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("content type %q", ct)
	}
	loadSpec(t, res.Body)
	if !strings.HasPrefix(string(res.Body), `{"openapi":"3.1.`) {
		t.Errorf("not an OpenAPI 3.1 document: %.40s", res.Body)
	}
}
