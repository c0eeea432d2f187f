package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

// RouteReindex rebuilds the index from the owning services while queries
// keep being answered (`search reindex` calls it on the running service,
// with the app token).
const RouteReindex = "/internal/reindex"

func (h *HTTP) registerReindex(e *gin.Engine) {
	e.POST(RouteReindex, daprx.RequireAppToken(h.opts.AppToken), func(c *gin.Context) {
		r, err := h.app.Reindex(c.Request.Context())
		if err != nil {
			httpserver.Fail(c, h.opts.Log, err)
			return
		}
		c.JSON(http.StatusOK, r)
	})
}
