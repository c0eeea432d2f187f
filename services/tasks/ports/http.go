// Package ports is the HTTP interface of the tasks service: the public API
// the gateway forwards (/api/v1/projects/{id}/tasks|categories|tags and
// /api/v1/tasks), the routes the sidecar delivers subscribed events to
// (/events/...), and the OpenAPI document.
package ports

import (
	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/tasks/app"
	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// Routes the declarative subscription (components/local/
// subscriptions-tasks.yaml) delivers the projects topic to.
const (
	RouteProjectDeleted = "/events/projects/deleted"
	RouteMemberRemoved  = "/events/projects/member-removed"
	RouteProjectsOther  = "/events/projects/other"
	// RoutePriorities receives the priorities topic (every type).
	RoutePriorities = "/events/priorities"
)

// Options are the HTTP layer's dependencies.
type Options = service.PortOptions

// HTTP serves the tasks API.
type HTTP struct {
	app  *app.App
	opts Options
}

// Register adds the service's routes to e.
func Register(e *gin.Engine, a *app.App, opts Options) error {
	h := &HTTP{app: a, opts: opts}
	if err := httpserver.ServeOpenAPI(e, opts.OpenAPI); err != nil {
		return err
	}

	api := e.Group("/api/v1", authn.Require(opts.Verifier))
	api.POST("/projects/:projectId/tasks", h.createTask)
	api.GET("/projects/:projectId/tasks", h.projectTasks)
	api.GET("/tasks", h.myTasks)
	api.GET("/tasks/:id", h.getTask)
	api.PATCH("/tasks/:id", h.updateTask)
	api.DELETE("/tasks/:id", h.deleteTask)
	for _, l := range []struct {
		path string
		kind domain.LabelKind
	}{{"categories", domain.Category}, {"tags", domain.Tag}} {
		api.GET("/projects/:projectId/"+l.path, h.listLabels(l.kind))
		api.POST("/projects/:projectId/"+l.path, h.createLabel(l.kind))
		api.PATCH("/projects/:projectId/"+l.path+"/:id", h.updateLabel(l.kind))
		api.DELETE("/projects/:projectId/"+l.path+"/:id", h.deleteLabel(l.kind))
	}

	internal := e.Group("/internal", daprx.RequireAppToken(opts.AppToken), daprx.OnlyFrom(contracts.AppPriorities))
	internal.GET("/projects/:projectId/open-tasks", h.internalOpenTasks)

	e.POST(RoutePriorities, daprx.Subscriber(opts.Log, opts.AppToken, h.onPriorityEvent)...)
	e.POST(RouteOccurrences, daprx.RequireAppToken(opts.AppToken), daprx.OnlyFrom(contracts.AppCalendar), h.createOccurrence)
	h.registerExports(e)

	e.POST(RouteProjectDeleted, daprx.Subscriber(opts.Log, opts.AppToken, h.onProjectDeleted)...)
	e.POST(RouteMemberRemoved, daprx.Subscriber(opts.Log, opts.AppToken, h.onMemberRemoved)...)
	e.POST(RouteProjectsOther, daprx.Subscriber(opts.Log, opts.AppToken, ignoreEvent)...)
	return nil
}

// caller returns the signed-in principal (authn.Require ran before).
func (h *HTTP) caller(c *gin.Context) (string, bool) {
	p, ok := authn.PrincipalFrom(c)
	if !ok {
		httpserver.Fail(c, h.opts.Log, authn.ErrTokenMissing)
		return "", false
	}
	return p.UserID, true
}

func (h *HTTP) fail(c *gin.Context, err error) {
	httpserver.Fail(c, h.opts.Log, err)
}
