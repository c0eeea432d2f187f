// Package ports is the HTTP interface of the projects service: the public
// API the gateway forwards (/api/v1/projects...), the internal membership
// contract other services reach through Dapr (/internal/...), the event
// subscriptions and the OpenAPI document.
package ports

import (
	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/projects/app"
)

// Options are the HTTP layer's dependencies.
type Options = service.PortOptions

// HTTP serves the projects API.
type HTTP struct {
	app  *app.App
	opts Options
}

// Subscription routes (components/subscriptions/projects.yaml).
const (
	RouteUserDeleted   = "/events/users/user-deleted"
	RouteUsersFallback = "/events/users/other"
)

// Register adds the service's routes to e.
func Register(e *gin.Engine, a *app.App, opts Options) error {
	h := &HTTP{app: a, opts: opts}
	if err := httpserver.ServeOpenAPI(e, opts.OpenAPI); err != nil {
		return err
	}

	api := e.Group("/api/v1/projects", authn.Require(opts.Verifier))
	api.POST("", h.createProject)
	api.GET("", h.listProjects)
	api.GET("/:id", h.getProject)
	api.PATCH("/:id", h.updateProject)
	api.DELETE("/:id", h.deleteProject)
	api.POST("/:id/archive", h.archive)
	api.POST("/:id/unarchive", h.unarchive)
	api.POST("/:id/transfer", h.transfer)
	api.POST("/:id/leave", h.leave)
	api.GET("/:id/members", h.listMembers)
	api.POST("/:id/members", h.addMember)
	api.PATCH("/:id/members/:userId", h.changeRole)
	api.DELETE("/:id/members/:userId", h.removeMember)

	internal := e.Group("/internal", daprx.RequireAppToken(opts.AppToken), notFromGateway)
	internal.GET("/projects/:id/members", h.internalProjectMembers)
	internal.GET("/projects/:id/members/:userId", h.internalMembership)
	internal.POST("/projects/:id/members", h.internalAddMember)
	internal.GET("/users/:userId/projects", h.internalUserProjects)
	internal.GET("/export/projects", daprx.OnlyFrom(contracts.AppSearch), h.exportProjects)

	e.POST(RouteUserDeleted, daprx.Subscriber(opts.Log, opts.AppToken, h.onUserDeleted)...)
	e.POST(RouteUsersFallback, daprx.Subscriber(opts.Log, opts.AppToken, ignoreEvent)...)
	return nil
}

// notFromGateway refuses internal calls relayed by the gateway: its
// sidecar may invoke this app (to forward the public API), but the
// membership contract is for the services behind it.
func notFromGateway(c *gin.Context) {
	if daprx.CallerAppID(c.Request) == contracts.AppGateway {
		status, body := apperr.HTTP(apperr.Forbidden("caller_not_allowed", "internal endpoints are not for the gateway"))
		c.AbortWithStatusJSON(status, body)
		return
	}
	c.Next()
}
