package ports_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/apitest"
)

func TestEveryPublicRouteIsDocumentedAndViceVersa(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	served := e.spec.CheckRoutes(t, e.engine, "/api/")
	if len(served) != 14 {
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
	apitest.Load(t, res.Body)
	if !strings.HasPrefix(string(res.Body), `{"openapi":"3.1.`) {
		t.Errorf("not an OpenAPI 3.1 document: %.40s", res.Body)
	}
}
