package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// Categories and tags share their handlers; kind picks the table, the
// error codes and the events.

func (h *HTTP) listLabels(kind domain.LabelKind) gin.HandlerFunc {
	return func(c *gin.Context) {
		caller, ok := h.caller(c)
		if !ok {
			return
		}
		after, limit, err := labelQuery(c.Request.URL.RawQuery)
		if err != nil {
			h.fail(c, err)
			return
		}
		page, err := h.app.Labels(c.Request.Context(), kind, caller, c.Param("projectId"), after, limit)
		if err != nil {
			h.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, toLabelList(page))
	}
}

func (h *HTTP) createLabel(kind domain.LabelKind) gin.HandlerFunc {
	return func(c *gin.Context) {
		caller, ok := h.caller(c)
		if !ok {
			return
		}
		var req labelRequest
		if err := httpserver.BindJSON(c, &req); err != nil {
			h.fail(c, err)
			return
		}
		l, err := h.app.CreateLabel(c.Request.Context(), kind, caller, c.Param("projectId"),
			domain.LabelInput{Name: req.Name, Color: req.Color})
		if err != nil {
			h.fail(c, err)
			return
		}
		c.JSON(http.StatusCreated, toLabel(l))
	}
}

func (h *HTTP) updateLabel(kind domain.LabelKind) gin.HandlerFunc {
	return func(c *gin.Context) {
		caller, ok := h.caller(c)
		if !ok {
			return
		}
		var req labelPatchRequest
		if err := httpserver.BindJSON(c, &req); err != nil {
			h.fail(c, err)
			return
		}
		l, err := h.app.UpdateLabel(c.Request.Context(), kind, caller, c.Param("projectId"), c.Param("id"),
			domain.LabelPatch{Name: req.Name, Color: req.Color})
		if err != nil {
			h.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, toLabel(l))
	}
}

func (h *HTTP) deleteLabel(kind domain.LabelKind) gin.HandlerFunc {
	return func(c *gin.Context) {
		caller, ok := h.caller(c)
		if !ok {
			return
		}
		if err := h.app.DeleteLabel(c.Request.Context(), kind, caller, c.Param("projectId"), c.Param("id")); err != nil {
			h.fail(c, err)
			return
		}
		c.Status(http.StatusNoContent)
	}
}
