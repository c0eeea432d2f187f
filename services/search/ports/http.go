// Package ports is the HTTP interface of the search service: the search
// API the gateway forwards, the routes the sidecar delivers subscribed
// events to, and the OpenAPI document.
package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/search/app"
)

// Options are the HTTP layer's dependencies.
type Options = service.PortOptions

// HTTP serves the search API.
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
	api.GET("/search", h.search)
	h.registerReindex(e)
	e.POST(RouteTasks, daprx.Subscriber(opts.Log, opts.AppToken, h.onTask)...)
	e.POST(RouteProjects, daprx.Subscriber(opts.Log, opts.AppToken, h.onProject)...)
	e.POST(RouteComments, daprx.Subscriber(opts.Log, opts.AppToken, h.onComment)...)
	e.POST(RouteUsers, daprx.Subscriber(opts.Log, opts.AppToken, h.onUser)...)
	return nil
}

func (h *HTTP) search(c *gin.Context) {
	p, ok := authn.PrincipalFrom(c)
	if !ok {
		httpserver.Fail(c, h.opts.Log, authn.ErrTokenMissing)
		return
	}
	q, fingerprint, err := parseQuery(c.Request.URL.RawQuery, p.UserID)
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	res, err := h.app.Search(c.Request.Context(), p.UserID, q)
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.JSON(http.StatusOK, resultDTOOf(res, q, fingerprint))
}
