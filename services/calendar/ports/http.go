// Package ports is the HTTP interface of the calendar service: the public
// API the gateway forwards (/api/v1/calendar/...), the public feed
// (/api/v1/calendar/feed/{token}.ics, whose token is the credential), the
// actor callbacks the sidecar calls, and the OpenAPI document.
package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/fields"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/calendar/app"
)

// Options are the HTTP layer's dependencies.
type Options = service.PortOptions

// HTTP serves the calendar API.
type HTTP struct {
	app  *app.App
	opts Options
}

// Register adds the service's public routes to e.
func Register(e *gin.Engine, a *app.App, opts Options) error {
	h := &HTTP{app: a, opts: opts}
	if err := httpserver.ServeOpenAPI(e, opts.OpenAPI); err != nil {
		return err
	}
	// The feed is opened by calendar apps, which send no bearer token.
	e.GET("/api/v1/calendar/feed/:file", h.feed)

	api := e.Group("/api/v1/calendar", authn.Require(opts.Verifier))
	api.GET("", h.calendar)
	api.POST("/meetings", h.createMeeting)
	api.GET("/meetings/:id", h.getMeeting)
	api.PUT("/meetings/:id", h.updateMeeting)
	api.DELETE("/meetings/:id", h.deleteMeeting)
	api.PUT("/meetings/:id/response", h.respond)
	api.POST("/series", h.createSeries)
	api.GET("/series", h.listSeries)
	api.GET("/series/:id", h.getSeries)
	api.PATCH("/series/:id", h.changeSeries)
	api.POST("/series/:id/skip", h.skipOccurrence)
	api.DELETE("/series/:id", h.deleteSeries)
	api.POST("/reminders", h.createReminder)
	api.GET("/reminders", h.listReminders)
	api.DELETE("/reminders/:id", h.deleteReminder)
	api.POST("/reminders/:id/snooze", h.snoozeReminder)
	api.POST("/feed-tokens", h.createFeedToken)
	api.GET("/feed-tokens", h.listFeedTokens)
	api.DELETE("/feed-tokens/:id", h.revokeFeedToken)
	api.POST("/feed-tokens/:id/regenerate", h.regenerateFeedToken)
	RegisterActors(e, h)
	e.POST(RouteTasks, daprx.Subscriber(opts.Log, opts.AppToken, h.onTaskEvent)...)
	e.POST(RouteProjects, daprx.Subscriber(opts.Log, opts.AppToken, h.onProjectEvent)...)
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

// pathID reads the :id of the path; one that is not a uuid names nothing
// (notFound).
func (h *HTTP) pathID(c *gin.Context, notFound error) (string, bool) {
	id, ok := fields.ParseUUID(c.Param("id"))
	if !ok {
		h.fail(c, notFound)
	}
	return id, ok
}

// callerAndID is the caller and the :id of the path (see pathID).
func (h *HTTP) callerAndID(c *gin.Context, notFound error) (caller, id string, ok bool) {
	if caller, ok = h.caller(c); !ok {
		return "", "", false
	}
	id, ok = h.pathID(c, notFound)
	return caller, id, ok
}

// reply answers v as dto gives it, with status; or the error.
func reply[T, D any](h *HTTP, c *gin.Context, status int, dto func(T) D, v T, err error) {
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(status, dto(v))
}

func (h *HTTP) fail(c *gin.Context, err error) {
	httpserver.Fail(c, h.opts.Log, err)
}

func (h *HTTP) noContent(c *gin.Context, err error) {
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
