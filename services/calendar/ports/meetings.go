package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

var errInvalidResponse = apperr.Invalid("invalid_response", `the response must be "accepted", "declined", "tentative" or "needs_action"`)

func (h *HTTP) createMeeting(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var req meetingRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	m, err := h.app.CreateMeeting(c.Request.Context(), caller, req.input())
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/calendar/meetings/"+m.ID)
	c.JSON(http.StatusCreated, meetingOf(m))
}

func (h *HTTP) getMeeting(c *gin.Context) {
	caller, id, ok := h.callerAndID(c, domain.ErrMeetingNotFound)
	if !ok {
		return
	}
	m, err := h.app.Meeting(c.Request.Context(), caller, id)
	reply(h, c, http.StatusOK, meetingOf, m, err)
}

func (h *HTTP) updateMeeting(c *gin.Context) {
	caller, id, ok := h.callerAndID(c, domain.ErrMeetingNotFound)
	if !ok {
		return
	}
	var req meetingRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	m, err := h.app.UpdateMeeting(c.Request.Context(), caller, id, req.input())
	reply(h, c, http.StatusOK, meetingOf, m, err)
}

func (h *HTTP) deleteMeeting(c *gin.Context) {
	caller, id, ok := h.callerAndID(c, domain.ErrMeetingNotFound)
	if !ok {
		return
	}
	h.noContent(c, h.app.DeleteMeeting(c.Request.Context(), caller, id))
}

func (h *HTTP) respond(c *gin.Context) {
	caller, id, ok := h.callerAndID(c, domain.ErrMeetingNotFound)
	if !ok {
		return
	}
	var req responseRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	r, valid := domain.ParseResponse(req.Response)
	if !valid {
		h.fail(c, errInvalidResponse)
		return
	}
	m, err := h.app.Respond(c.Request.Context(), caller, id, r)
	reply(h, c, http.StatusOK, meetingOf, m, err)
}
