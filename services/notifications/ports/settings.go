package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/fields"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

func invalidField(name string) error {
	return fields.Problems{name: problemInvalid}.Err()
}

func (h *HTTP) getPreferences(c *gin.Context) {
	user, ok := h.caller(c)
	if !ok {
		return
	}
	s, err := h.app.Preferences(c.Request.Context(), user)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toPreferences(s))
}

func (h *HTTP) updatePreferences(c *gin.Context) {
	user, ok := h.caller(c)
	if !ok {
		return
	}
	var req preferencesPatch
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	s, err := h.app.UpdatePreferences(c.Request.Context(), user, req.toDomain())
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toPreferences(s))
}

// mute silences a project's activity for the caller (PUT) or undoes it
// (DELETE); both answer the settings after the change.
func (h *HTTP) mute(muted bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		user, ok := h.caller(c)
		if !ok {
			return
		}
		projectID, ok := parseID(c.Param("projectId"))
		if !ok {
			h.fail(c, domain.ErrProjectNotFound)
			return
		}
		s, err := h.app.Mute(c.Request.Context(), user, projectID, muted)
		if err != nil {
			h.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, toPreferences(s))
	}
}

// checkUnsubscribe tells what an unsubscribe link would turn off, without
// doing it: mail scanners open links, and must not unsubscribe anyone.
func (h *HTTP) checkUnsubscribe(c *gin.Context) {
	h.unsubscribeLink(c, false)
}

// unsubscribe turns the e-mail off (RFC 8058 one-click: mail clients POST
// "List-Unsubscribe=One-Click" to the link; the web app's page POSTs too).
func (h *HTTP) unsubscribe(c *gin.Context) {
	h.unsubscribeLink(c, true)
}

func (h *HTTP) unsubscribeLink(c *gin.Context, apply bool) {
	values, problems := readQuery(c.Request.URL.RawQuery, "token")
	if err := problems.QueryErr(); err != nil {
		h.fail(c, err)
		return
	}
	token := values.Get("token")
	if token == "" {
		h.fail(c, domain.ErrInvalidUnsubscribe)
		return
	}
	kind, err := h.app.Unsubscribe(c.Request.Context(), token, apply)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, unsubscribeDTO{Kind: kind, Unsubscribed: apply})
}
