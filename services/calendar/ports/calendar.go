package ports

import (
	"bytes"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/fields"

	"github.com/taskrocket/taskrocket/services/calendar/app"
	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// calendar answers GET /api/v1/calendar?from=&to=[&projectId=]: from and
// to are RFC 3339 instants.
func (h *HTTP) calendar(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	problems := fields.Problems{}
	instant := func(name string) time.Time {
		raw := c.Query(name)
		if raw == "" {
			problems.Add(name, fields.Required)
			return time.Time{}
		}
		t, err := time.Parse(time.RFC3339, raw)
		if err != nil {
			problems.Add(name, fields.Invalid)
		}
		return t
	}
	from, to := instant("from"), instant("to")
	projectID := ""
	if raw, given := c.GetQuery("projectId"); given {
		var valid bool
		if projectID, valid = fields.ParseUUID(raw); !valid {
			problems.Add("projectId", fields.Invalid)
		}
	}
	if err := problems.QueryErr(); err != nil {
		h.fail(c, err)
		return
	}
	var (
		cal app.Calendar
		err error
	)
	if projectID != "" {
		cal, err = h.app.ProjectRange(c.Request.Context(), caller, projectID, from, to)
	} else {
		cal, err = h.app.Range(c.Request.Context(), caller, from, to)
	}
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, calendarOf(cal))
}

// feed serves GET /api/v1/calendar/feed/{token}.ics: the token is the
// credential; an unknown or revoked one answers 404.
func (h *HTTP) feed(c *gin.Context) {
	token, isICS := strings.CutSuffix(c.Param("file"), ".ics")
	if !isICS {
		h.fail(c, domain.ErrFeedTokenInvalid)
		return
	}
	var out bytes.Buffer
	if err := h.app.Feed(c.Request.Context(), token, &out); err != nil {
		h.fail(c, err)
		return
	}
	c.Header("Cache-Control", "private, max-age=300")
	c.Data(http.StatusOK, "text/calendar; charset=utf-8", out.Bytes())
}
