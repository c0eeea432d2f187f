package ports_test

import (
	"testing"
	"time"
)

func TestEveryPublicRouteIsDocumentedAndViceVersa(t *testing.T) {
	t.Parallel()
	newEnv(t, time.Hour).api.CheckRoutes(t, 3)
}

func TestOpenAPIDocumentIsServed(t *testing.T) {
	t.Parallel()
	newEnv(t, time.Hour).api.CheckServedDocument(t)
}
