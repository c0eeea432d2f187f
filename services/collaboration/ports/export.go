package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/fields"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

// registerExports adds the comments the search service rebuilds its index
// from (contracts.CollaborationPathExportComments): through the sidecar,
// from search only.
func (h *HTTP) registerExports(e *gin.Engine) {
	e.POST("/"+contracts.CollaborationPathExportComments, daprx.RequireAppToken(h.opts.AppToken),
		daprx.OnlyFrom(contracts.AppSearch), h.exportTaskComments)
}

func (h *HTTP) exportTaskComments(c *gin.Context) {
	var req contracts.ExportCommentsRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	problems := fields.Problems{}
	if len(req.TaskIDs) > contracts.ExportCommentsMax {
		problems.Add("taskIds", "too_many")
	}
	ids := make([]string, 0, len(req.TaskIDs))
	for _, raw := range req.TaskIDs {
		id, ok := fields.ParseUUID(raw)
		if !ok {
			problems.Add("taskIds", fields.Invalid)
		}
		ids = append(ids, id)
	}
	if err := problems.Err(); err != nil {
		h.fail(c, err)
		return
	}
	out, err := h.app.ExportTaskComments(c.Request.Context(), ids)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}
