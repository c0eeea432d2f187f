package ports

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/users/domain"
)

// publicUser lets a signed-in person find someone by username (to invite
// them to a project); it shows the public part of the profile only.
func (h *HTTP) publicUser(c *gin.Context) {
	u, err := h.app.FindByUsername(c.Request.Context(), c.Param("username"))
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.JSON(http.StatusOK, userEnvelope[publicUser]{User: toPublicUser(u)})
}

func (h *HTTP) internalByUsername(c *gin.Context) {
	h.userRef(c, h.app.FindByUsername, c.Param("username"))
}

func (h *HTTP) internalByEmail(c *gin.Context) {
	h.userRef(c, h.app.FindByEmail, c.Param("email"))
}

func (h *HTTP) internalByID(c *gin.Context) {
	h.userRef(c, h.app.FindByID, c.Param("id"))
}

func (h *HTTP) userRef(c *gin.Context, find func(ctx context.Context, key string) (domain.User, error), key string) {
	u, err := find(c.Request.Context(), key)
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.JSON(http.StatusOK, toUserRef(u))
}
