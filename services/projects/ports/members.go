package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

func (h *HTTP) listMembers(c *gin.Context) {
	problems := domain.FieldErrors{}
	limit := pageLimit(c, problems)
	if err := problems.Err(); err != nil {
		h.fail(c, err)
		return
	}
	after, err := memberCursor(c.Query("cursor"))
	if err != nil {
		h.fail(c, err)
		return
	}
	members, more, err := h.app.Members(c.Request.Context(), caller(c), c.Param("id"), after, limit)
	if err != nil {
		h.fail(c, err)
		return
	}
	out := page[member]{Items: make([]member, 0, len(members))}
	for _, m := range members {
		out.Items = append(out.Items, toMember(m))
	}
	if more {
		last := members[len(members)-1]
		out.NextCursor = encodeCursor(memberPosition{JoinedAt: last.JoinedAt, UserID: last.UserID})
	}
	c.JSON(http.StatusOK, out)
}

func (h *HTTP) addMember(c *gin.Context) {
	var body addMemberRequest
	if err := httpserver.BindJSON(c, &body); err != nil {
		h.fail(c, err)
		return
	}
	m, err := h.app.AddMember(c.Request.Context(), caller(c), c.Param("id"), body.UserID, body.Role)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toMember(m))
}

func (h *HTTP) changeRole(c *gin.Context) {
	var body changeRoleRequest
	if err := httpserver.BindJSON(c, &body); err != nil {
		h.fail(c, err)
		return
	}
	m, err := h.app.ChangeRole(c.Request.Context(), caller(c), c.Param("id"), c.Param("userId"), body.Role)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toMember(m))
}

func (h *HTTP) removeMember(c *gin.Context) {
	if err := h.app.RemoveMember(c.Request.Context(), caller(c), c.Param("id"), c.Param("userId")); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *HTTP) leave(c *gin.Context) {
	if err := h.app.Leave(c.Request.Context(), caller(c), c.Param("id")); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
