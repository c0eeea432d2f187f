package ports_test

import "testing"

func TestEveryPublicRouteIsDocumentedAndViceVersa(t *testing.T) {
	t.Parallel()
	newEnv(t).api.CheckRoutes(t, 20)
}

func TestOpenAPIDocumentIsServed(t *testing.T) {
	t.Parallel()
	newEnv(t).api.CheckServedDocument(t)
}
