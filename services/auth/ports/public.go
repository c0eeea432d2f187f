package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

// noStore keeps tokens and session details out of every cache.
func noStore(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.Header("Pragma", "no-cache")
}

func (h *HTTP) refresh(c *gin.Context) {
	noStore(c)
	var req refreshRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	tokens, err := h.app.Refresh(c.Request.Context(), req.RefreshToken)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, tokenPair(tokens))
}

func (h *HTTP) logout(c *gin.Context) {
	if err := h.app.Logout(c.Request.Context(), caller(c)); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *HTTP) logoutAll(c *gin.Context) {
	if err := h.app.LogoutAll(c.Request.Context(), caller(c)); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *HTTP) listSessions(c *gin.Context) {
	noStore(c)
	views, err := h.app.Sessions(c.Request.Context(), caller(c))
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toSessionDTOs(views))
}

func (h *HTTP) deleteSession(c *gin.Context) {
	if err := h.app.DeleteSession(c.Request.Context(), caller(c), c.Param("id")); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
