// Package ports is the HTTP interface of the notifications service: the
// public API the gateway forwards (/api/v1/notifications..., the followers
// of a task), the routes the sidecar delivers events and digest jobs to,
// and the OpenAPI document.
package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/notifications/app"
)

// Options are the HTTP layer's dependencies.
type Options = service.PortOptions

// HTTP serves the notifications API.
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
	// The one-click unsubscribe link of an e-mail works without a login:
	// the signed token is the proof.
	e.GET("/api/v1/notifications/unsubscribe", h.checkUnsubscribe)
	e.POST("/api/v1/notifications/unsubscribe", h.unsubscribe)

	api := e.Group("/api/v1", authn.Require(opts.Verifier))
	api.GET("/notifications", h.list)
	api.GET("/notifications/unread-count", h.unreadCount)
	api.GET("/notifications/feed", h.feed)
	api.POST("/notifications/read-all", h.markAllRead)
	api.POST("/notifications/:id/read", h.markRead)
	api.GET("/notifications/preferences", h.getPreferences)
	api.PATCH("/notifications/preferences", h.updatePreferences)
	api.PUT("/notifications/muted-projects/:projectId", h.mute(true))
	api.DELETE("/notifications/muted-projects/:projectId", h.mute(false))
	api.GET("/tasks/:taskId/followers", h.followers)
	api.GET("/tasks/:taskId/followers/me", h.following)
	api.PUT("/tasks/:taskId/followers/me", h.follow(true))
	api.DELETE("/tasks/:taskId/followers/me", h.follow(false))

	for _, route := range []string{RouteTasks, RouteProjects, RouteInvitations, RouteComments, RouteUsers, RoutePriorities, RouteCalendar} {
		e.POST(route, daprx.Subscriber(opts.Log, opts.AppToken, h.onEvent)...)
	}
	e.POST("/job/:name", daprx.RequireAppToken(opts.AppToken), h.onJob)
	return nil
}

// caller returns the signed-in user (authn.Require ran before).
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

// onJob runs a due job: the daily digest of the user it names. A failure
// answers 500, and the scheduler calls again (the job's failure policy).
func (h *HTTP) onJob(c *gin.Context) {
	userID, ok := app.DigestJobUser(c.Param("name"))
	if id, valid := parseID(userID); ok && valid {
		if err := h.app.SendDigest(c.Request.Context(), id); err != nil {
			h.opts.Log.ErrorContext(c.Request.Context(), "digest not sent", "user_id", id, "error", err)
			c.Status(http.StatusInternalServerError)
			return
		}
		c.Status(http.StatusOK)
		return
	}
	// A job this service does not schedule: acknowledged, never retried.
	h.opts.Log.WarnContext(c.Request.Context(), "unknown job", "name", c.Param("name"))
	c.Status(http.StatusOK)
}
