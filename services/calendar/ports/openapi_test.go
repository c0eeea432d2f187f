package ports_test

import "testing"

func TestEveryPublicRouteIsDocumentedAndViceVersa(t *testing.T) {
	t.Parallel()
	newEnv(t).api.CheckRoutes(t, 21)
}

func TestOpenAPIDocumentIsServed(t *testing.T) {
	t.Parallel()
	newEnv(t).api.CheckServedDocument(t)
}
