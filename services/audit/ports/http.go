// Package ports is the HTTP interface of the audit service: the activity
// API the gateway forwards, the route the sidecar delivers every topic's
// events to, and the OpenAPI document.
package ports

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/fields"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/audit/app"
	"github.com/taskrocket/taskrocket/services/audit/domain"
)

// RouteEvents receives every event of every domain topic (components/
// subscriptions/audit.yaml).
const RouteEvents = "/events/all"

// Options are the HTTP layer's dependencies.
type Options = service.PortOptions

// HTTP serves the activity API.
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
	api.GET("/projects/:projectId/activity", h.list(func(c *gin.Context, caller app.Caller, q app.PageQuery) (app.Page, error) {
		return h.app.ProjectActivity(c.Request.Context(), caller, c.Param("projectId"), q)
	}))
	api.GET("/tasks/:taskId/activity", h.list(func(c *gin.Context, caller app.Caller, q app.PageQuery) (app.Page, error) {
		return h.app.TaskHistory(c.Request.Context(), caller, c.Param("taskId"), q)
	}))
	api.GET("/me/activity", h.list(func(c *gin.Context, caller app.Caller, q app.PageQuery) (app.Page, error) {
		return h.app.MyActivity(c.Request.Context(), caller, q)
	}))
	e.POST(RouteEvents, daprx.Subscriber(opts.Log, opts.AppToken, h.onEvent)...)
	return nil
}

// personal reports the event types that tell one user something meant
// for them alone (a reminder they set came): they change nothing, and
// logging them would show a member's reminders in their projects'
// activity.
func personal(eventType string) bool { return eventType == contracts.EventReminderDue }

func (h *HTTP) onEvent(ctx context.Context, ev events.Event) error {
	if personal(ev.Type) {
		return nil
	}
	err := h.app.Record(ctx, domain.Event{ID: ev.ID, Type: ev.Type, Subject: ev.Subject, Time: ev.Time, Data: ev.Data})
	if app.IsMalformed(err) {
		return errors.Join(daprx.ErrDrop, err)
	}
	return err
}

// A cursor is opaque to clients: base64url of the list's path and the
// position to continue below.
type cursorDoc struct {
	Path   string `json:"p"`
	Before int64  `json:"b"`
}

func (h *HTTP) list(read func(c *gin.Context, caller app.Caller, q app.PageQuery) (app.Page, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		p, ok := authn.PrincipalFrom(c)
		if !ok {
			httpserver.Fail(c, h.opts.Log, authn.ErrTokenMissing)
			return
		}
		q, err := pageQuery(c.Request.URL.RawQuery, c.Request.URL.Path)
		if err != nil {
			httpserver.Fail(c, h.opts.Log, err)
			return
		}
		page, err := read(c, app.Caller{UserID: p.UserID, Authorization: c.GetHeader("Authorization")}, q)
		if err != nil {
			httpserver.Fail(c, h.opts.Log, err)
			return
		}
		out := gin.H{"items": entries(page.Items)}
		if page.Next > 0 {
			raw, _ := json.Marshal(cursorDoc{Path: c.Request.URL.Path, Before: page.Next})
			out["nextCursor"] = base64.RawURLEncoding.EncodeToString(raw)
		}
		c.JSON(http.StatusOK, out)
	}
}

func entries(items []domain.Entry) []domain.Entry {
	if items == nil {
		return []domain.Entry{}
	}
	return items
}

// pageQuery reads ?limit=1..100 (default 50) and ?cursor= (issued for
// this very list).
func pageQuery(rawQuery, path string) (app.PageQuery, error) {
	v, err := url.ParseQuery(rawQuery)
	problems := fields.Problems{}
	if err != nil {
		problems.Add("query", fields.Invalid)
	}
	q := app.PageQuery{Limit: domain.DefaultPageSize}
	if raw := v.Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > domain.MaxPageSize {
			problems.Add("limit", fields.Invalid)
		}
		q.Limit = n
	}
	for k := range v {
		if k != "limit" && k != "cursor" {
			problems.Add(k, "unknown")
		}
	}
	if err := problems.QueryErr(); err != nil {
		return app.PageQuery{}, err
	}
	if raw := v.Get("cursor"); raw != "" {
		b, err := base64.RawURLEncoding.DecodeString(raw)
		var d cursorDoc
		if len(raw) > 1024 || err != nil || json.Unmarshal(b, &d) != nil || d.Path != path || d.Before < 1 {
			return app.PageQuery{}, domain.ErrInvalidCursor
		}
		q.Before = d.Before
	}
	return q, nil
}
