package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

func (h *HTTP) send(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var req sendRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	inv, err := h.app.Send(c.Request.Context(), caller, c.Param("projectId"), domain.Draft{
		Email: req.Email, Username: req.Username, Role: req.Role, Message: req.Message,
	})
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.JSON(http.StatusCreated, invitationEnvelope{Invitation: toInvitation(inv)})
}

func (h *HTTP) listForProject(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	filter, ok := domain.ParseStatusFilter(c.Query("status"))
	if !ok {
		httpserver.Fail(c, h.opts.Log, domain.FieldErrors{"status": "invalid"}.Err())
		return
	}
	page, err := pageOf(c)
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	p, err := h.app.ListForProject(c.Request.Context(), caller, c.Param("projectId"), filter, page)
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.JSON(http.StatusOK, toList(p))
}

func (h *HTTP) cancel(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	if err := h.app.Cancel(c.Request.Context(), caller, c.Param("projectId"), c.Param("invitationId")); err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.Status(http.StatusNoContent)
}
