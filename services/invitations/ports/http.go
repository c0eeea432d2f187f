// Package ports is the HTTP interface of the invitations service: the
// public API the gateway forwards (/api/v1/...), the routes the sidecar
// delivers subscribed events to (/events/...) and the OpenAPI document.
package ports

import (
	"context"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/invitations/app"
)

// Routes the declarative subscriptions deliver to
// (components/subscriptions/invitations.yaml).
const (
	RouteProjectDeleted = "/events/projects/deleted"
	RouteUserRegistered = "/events/users/registered"
	// RouteIgnored acknowledges the other event types of the subscribed
	// topics.
	RouteIgnored = "/events/ignored"
)

// Options are the HTTP layer's dependencies.
type Options = service.PortOptions

// HTTP serves the invitations API.
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
	api.POST("/projects/:projectId/invitations", h.send)
	api.GET("/projects/:projectId/invitations", h.listForProject)
	api.DELETE("/projects/:projectId/invitations/:invitationId", h.cancel)
	api.GET("/invitations", h.listMine)
	api.POST("/invitations/:invitationId/accept", h.accept)
	api.POST("/invitations/:invitationId/reject", h.reject)

	e.POST(RouteProjectDeleted, daprx.Subscriber(opts.Log, opts.AppToken, a.ProjectDeleted)...)
	e.POST(RouteUserRegistered, daprx.Subscriber(opts.Log, opts.AppToken, a.UserRegistered)...)
	e.POST(RouteIgnored, daprx.Subscriber(opts.Log, opts.AppToken, func(context.Context, events.Event) error {
		return nil
	})...)
	return nil
}

// caller returns the signed-in person (authn.Require ran before).
func (h *HTTP) caller(c *gin.Context) (app.Caller, bool) {
	p, ok := authn.PrincipalFrom(c)
	if !ok {
		httpserver.Fail(c, h.opts.Log, authn.ErrTokenMissing)
		return app.Caller{}, false
	}
	return app.Caller{UserID: p.UserID, Username: p.Username}, true
}
