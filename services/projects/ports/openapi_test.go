package ports_test

import "testing"

func TestEveryPublicRouteIsDocumentedAndViceVersa(t *testing.T) {
	t.Parallel()
	newEnv(t).api.CheckRoutes(t, 13)
}

// The internal contract other services call through Dapr is documented
// as well, so a service in another language can be written against it.
func TestEveryInternalRouteIsDocumentedAndViceVersa(t *testing.T) {
	t.Parallel()
	api := newEnv(t).api
	if served := api.Spec.CheckRoutes(t, api.Engine, "/internal/"); len(served) != 5 {
		t.Errorf("served internal routes: %v", served)
	}
}

func TestOpenAPIDocumentIsServed(t *testing.T) {
	t.Parallel()
	newEnv(t).api.CheckServedDocument(t)
}
