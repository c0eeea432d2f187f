package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// registerExports adds the pages the search service rebuilds its index
// from (contracts.TasksPathExport*): through the sidecar, from search only.
func (h *HTTP) registerExports(e *gin.Engine) {
	g := e.Group("/internal/export", daprx.RequireAppToken(h.opts.AppToken), daprx.OnlyFrom(contracts.AppSearch))
	g.GET("/tasks", func(c *gin.Context) {
		after, limit, err := fields.ExportPage(c.Request.URL.RawQuery, contracts.ExportMaxLimit)
		if err != nil {
			h.fail(c, err)
			return
		}
		page, err := h.app.ExportTasks(c.Request.Context(), after, limit)
		if err != nil {
			h.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, page)
	})
	g.GET("/labels", func(c *gin.Context) {
		after, limit, err := fields.ExportPage(c.Request.URL.RawQuery, contracts.ExportMaxLimit)
		if err != nil {
			h.fail(c, err)
			return
		}
		page, err := h.app.ExportLabels(c.Request.Context(), after, limit)
		if err != nil {
			h.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, page)
	})
}
