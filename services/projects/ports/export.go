package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/fields"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

// exportProjects is a page of every project for the search service
// (contracts.ProjectsPathExport): through the sidecar, from search only.
func (h *HTTP) exportProjects(c *gin.Context) {
	after, limit, err := fields.ExportPage(c.Request.URL.RawQuery, contracts.ExportMaxLimit)
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	page, err := h.app.Export(c.Request.Context(), after, limit)
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.JSON(http.StatusOK, page)
}
