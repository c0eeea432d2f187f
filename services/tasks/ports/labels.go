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
	return writeLabel(h, http.StatusCreated, func(c *gin.Context, caller string, req labelRequest) (domain.Label, error) {
		return h.app.CreateLabel(c.Request.Context(), kind, caller, c.Param("projectId"),
			domain.LabelInput{Name: req.Name, Color: req.Color})
	})
}

func (h *HTTP) updateLabel(kind domain.LabelKind) gin.HandlerFunc {
	return writeLabel(h, http.StatusOK, func(c *gin.Context, caller string, req labelPatchRequest) (domain.Label, error) {
		return h.app.UpdateLabel(c.Request.Context(), kind, caller, c.Param("projectId"), c.Param("id"),
			domain.LabelPatch{Name: req.Name, Color: req.Color})
	})
}

// writeLabel is the handler of a request that creates or changes a label:
// the signed-in caller and the JSON body (as Req) go to save, whose label
// is the answer, with status.
func writeLabel[Req any](h *HTTP, status int, save func(c *gin.Context, caller string, req Req) (domain.Label, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		caller, ok := h.caller(c)
		if !ok {
			return
		}
		var req Req
		if err := httpserver.BindJSON(c, &req); err != nil {
			h.fail(c, err)
			return
		}
		l, err := save(c, caller, req)
		if err != nil {
			h.fail(c, err)
			return
		}
		c.JSON(status, toLabel(l))
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
