package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

func (h *HTTP) listMine(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	page, err := pageOf(c)
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	p, err := h.app.ListMine(c.Request.Context(), caller, page)
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.JSON(http.StatusOK, toList(p))
}

func (h *HTTP) accept(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	res, err := h.app.Accept(c.Request.Context(), caller, c.Param("invitationId"))
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.JSON(http.StatusOK, acceptedResponse{Invitation: toInvitation(res.Invitation), Membership: toMembership(res.Membership)})
}

func (h *HTTP) reject(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	inv, err := h.app.Reject(c.Request.Context(), caller, c.Param("invitationId"))
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.JSON(http.StatusOK, invitationEnvelope{Invitation: toInvitation(inv)})
}
