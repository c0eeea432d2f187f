package ports_test

import (
	"testing"

	"github.com/taskrocket/taskrocket/services/priorities/ports"
)

const RouteTasksForTest = ports.RouteTasks

func TestEveryPublicRouteIsDocumentedAndViceVersa(t *testing.T) {
	t.Parallel()
	newEnv(t).api.CheckRoutes(t, 7)
}

func TestOpenAPIDocumentIsServed(t *testing.T) {
	t.Parallel()
	newEnv(t).api.CheckServedDocument(t)
}
