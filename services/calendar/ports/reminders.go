package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/fields"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

func (h *HTTP) createReminder(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var req reminderRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	kind := domain.TargetKind(req.Kind)
	target, valid := fields.ParseUUID(req.TargetID)
	if !valid {
		// An id that names nothing: the target's own not-found.
		switch kind {
		case domain.TargetMeeting:
			h.fail(c, domain.ErrMeetingNotFound)
		case domain.TargetTaskSeries:
			h.fail(c, domain.ErrTaskSeriesNotFound)
		default:
			h.fail(c, domain.ErrInvalidReminder)
		}
		return
	}
	r, err := h.app.CreateReminder(c.Request.Context(), caller, kind, target, *req.MinutesBefore)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, reminderOf(r))
}

func (h *HTTP) listReminders(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	list, err := h.app.Reminders(c.Request.Context(), caller)
	if err != nil {
		h.fail(c, err)
		return
	}
	out := make([]reminderDTO, len(list))
	for i, r := range list {
		out[i] = reminderOf(r)
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

func (h *HTTP) deleteReminder(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	id, ok := h.pathID(c, domain.ErrReminderNotFound)
	if !ok {
		return
	}
	h.noContent(c, h.app.DeleteReminder(c.Request.Context(), caller, id))
}

func (h *HTTP) createFeedToken(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var req feedTokenRequest
	if c.Request.ContentLength != 0 {
		if err := httpserver.BindJSON(c, &req); err != nil {
			h.fail(c, err)
			return
		}
	}
	t, token, err := h.app.CreateFeedToken(c.Request.Context(), caller, req.Name)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, feedTokenOf(t, token))
}

func (h *HTTP) listFeedTokens(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	list, err := h.app.FeedTokens(c.Request.Context(), caller)
	if err != nil {
		h.fail(c, err)
		return
	}
	out := make([]feedTokenDTO, len(list))
	for i, t := range list {
		out[i] = feedTokenOf(t, "")
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

func (h *HTTP) revokeFeedToken(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	id, ok := h.pathID(c, domain.ErrFeedTokenNotFound)
	if !ok {
		return
	}
	h.noContent(c, h.app.RevokeFeedToken(c.Request.Context(), caller, id))
}

func (h *HTTP) regenerateFeedToken(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	id, ok := h.pathID(c, domain.ErrFeedTokenNotFound)
	if !ok {
		return
	}
	t, token, err := h.app.RegenerateFeedToken(c.Request.Context(), caller, id)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, feedTokenOf(t, token))
}
