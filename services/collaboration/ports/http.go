// Package ports is the HTTP interface of the collaboration service: the
// public API the gateway forwards (comments on tasks and in projects'
// discussion threads, reactions, mention suggestions, comment counts),
// the routes the sidecar delivers subscribed events to (/events/...),
// and the OpenAPI document.
package ports

import (
	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/collaboration/app"
)

// Routes the declarative subscriptions (components/subscriptions/
// collaboration.yaml) deliver to.
const (
	RouteTaskDeleted    = "/events/tasks/deleted"
	RouteProjectDeleted = "/events/projects/deleted"
	RouteUserNamed      = "/events/users/named"
	RouteUserDeleted    = "/events/users/deleted"
	RouteIgnored        = "/events/ignored"
)

// Options are the HTTP layer's dependencies.
type Options = service.PortOptions

// HTTP serves the collaboration API.
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
	api.GET("/tasks/:taskId/comments", h.listTaskComments)
	api.POST("/tasks/:taskId/comments", h.commentOnTask)
	api.GET("/projects/:projectId/comments", h.listProjectComments)
	api.POST("/projects/:projectId/comments", h.commentOnProject)
	api.GET("/projects/:projectId/comment-counts", h.commentCounts)
	api.GET("/projects/:projectId/mentionable", h.mentionable)
	api.GET("/comments/:id", h.getComment)
	api.PATCH("/comments/:id", h.editComment)
	api.DELETE("/comments/:id", h.deleteComment)
	api.POST("/comments/:id/reactions", h.react)
	api.DELETE("/comments/:id/reactions", h.unreact)

	h.registerExports(e)

	e.POST(RouteTaskDeleted, daprx.Subscriber(opts.Log, opts.AppToken, h.onTaskDeleted)...)
	e.POST(RouteProjectDeleted, daprx.Subscriber(opts.Log, opts.AppToken, h.onProjectDeleted)...)
	e.POST(RouteUserNamed, daprx.Subscriber(opts.Log, opts.AppToken, h.onUserNamed)...)
	e.POST(RouteUserDeleted, daprx.Subscriber(opts.Log, opts.AppToken, h.onUserDeleted)...)
	e.POST(RouteIgnored, daprx.Subscriber(opts.Log, opts.AppToken, ignoreEvent)...)
	return nil
}

// caller returns the signed-in user and the Authorization header they
// sent (authn.Require ran before).
func (h *HTTP) caller(c *gin.Context) (app.Caller, bool) {
	p, ok := authn.PrincipalFrom(c)
	if !ok {
		httpserver.Fail(c, h.opts.Log, authn.ErrTokenMissing)
		return app.Caller{}, false
	}
	return app.Caller{UserID: p.UserID, Authorization: c.GetHeader("Authorization")}, true
}

func (h *HTTP) fail(c *gin.Context, err error) {
	httpserver.Fail(c, h.opts.Log, err)
}
