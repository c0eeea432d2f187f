// Package ports is the HTTP interface of the priorities service: the
// public API the gateway forwards (/api/v1/projects/{id}/priority-rules
// and /api/v1/priorities), the routes the sidecar delivers subscribed
// events to (/events/...), and the OpenAPI document.
package ports

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/priorities/app"
	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

// Routes the declarative subscriptions (components/subscriptions/
// priorities.yaml) deliver to.
const (
	RouteTasks          = "/events/tasks"
	RouteProjectDeleted = "/events/projects/deleted"
	RouteProjectsOther  = "/events/projects/other"
)

// Options are the HTTP layer's dependencies.
type Options = service.PortOptions

// HTTP serves the priorities API.
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
	rules := api.Group("/projects/:projectId/priority-rules")
	rules.GET("", h.listRules)
	rules.POST("", h.createRule)
	rules.POST("/preview", h.preview)
	rules.PUT("/order", h.reorder)
	rules.PATCH("/:id", h.updateRule)
	rules.DELETE("/:id", h.deleteRule)
	api.GET("/priorities/next-up", h.nextUp)

	e.POST(RouteTasks, daprx.Subscriber(opts.Log, opts.AppToken, h.onTaskEvent)...)
	e.POST(RouteProjectDeleted, daprx.Subscriber(opts.Log, opts.AppToken, h.onProjectDeleted)...)
	e.POST(RouteProjectsOther, daprx.Subscriber(opts.Log, opts.AppToken, ignoreEvent)...)
	return nil
}

func (h *HTTP) caller(c *gin.Context) (string, bool) {
	p, ok := authn.PrincipalFrom(c)
	if !ok {
		httpserver.Fail(c, h.opts.Log, authn.ErrTokenMissing)
		return "", false
	}
	return p.UserID, true
}

func (h *HTTP) fail(c *gin.Context, err error) { httpserver.Fail(c, h.opts.Log, err) }

func (h *HTTP) listRules(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	rules, err := h.app.Rules(c.Request.Context(), caller, c.Param("projectId"))
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toRuleList(rules))
}

func (h *HTTP) createRule(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var req ruleRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	r, err := h.app.CreateRule(c.Request.Context(), caller, c.Param("projectId"), req.input())
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Header("ETag", httpserver.ETag(r.Version))
	c.JSON(http.StatusCreated, toRule(r))
}

func (h *HTTP) updateRule(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var req ruleRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	var version int64
	if vs := httpserver.IfMatch(c); vs != nil {
		version = -1 // matches nothing unless one tag is given
		if len(vs) == 1 {
			version = vs[0]
		}
	}
	r, err := h.app.UpdateRule(c.Request.Context(), caller, c.Param("projectId"), c.Param("id"), version, req.input())
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Header("ETag", httpserver.ETag(r.Version))
	c.JSON(http.StatusOK, toRule(r))
}

func (h *HTTP) deleteRule(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	if err := h.app.DeleteRule(c.Request.Context(), caller, c.Param("projectId"), c.Param("id")); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *HTTP) reorder(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var req orderRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	rules, err := h.app.ReorderRules(c.Request.Context(), caller, c.Param("projectId"), req.IDs)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toRuleList(rules))
}

func (h *HTTP) preview(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var req previewRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	changes, err := h.app.Preview(c.Request.Context(), caller, c.Param("projectId"), req.RuleID, req.input())
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toPreview(changes))
}

// Next-up limits.
const defaultNextUp = 10

func (h *HTTP) nextUp(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	q := c.Request.URL.Query()
	limit := defaultNextUp
	if raw := q.Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > domain.MaxNextUp {
			h.fail(c, apperr.Invalid("invalid_query", "one or more query parameters are invalid").
				WithDetails(map[string]any{"fields": map[string]any{"limit": domain.ProblemOutOfRange}}))
			return
		}
		limit = n
	}
	var (
		answer app.NextUp
		err    error
	)
	if pid := q.Get("projectId"); pid != "" {
		answer, err = h.app.ProjectNextUp(c.Request.Context(), caller, pid, limit)
	} else {
		answer, err = h.app.MyNextUp(c.Request.Context(), caller, limit)
	}
	if err != nil {
		h.fail(c, err)
		return
	}
	// X-Cache tells a client (the benchmark) whether the answer was cached.
	c.Header("X-Cache", map[bool]string{true: "hit", false: "miss"}[answer.Cached])
	c.JSON(http.StatusOK, nextUpList{Items: answer.Items})
}
