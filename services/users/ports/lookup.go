package ports

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/contracts"
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

// internalLookup names the live accounts among up to
// contracts.UsersLookupMax ids in one answer.
func (h *HTTP) internalLookup(c *gin.Context) {
	var req contracts.UsersLookupRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	found, err := h.app.FindByIDs(c.Request.Context(), req.IDs)
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	out := contracts.UsersLookup{Users: make([]contracts.UserName, 0, len(found))}
	for _, u := range found {
		out.Users = append(out.Users, contracts.UserName{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName})
	}
	c.JSON(http.StatusOK, out)
}
