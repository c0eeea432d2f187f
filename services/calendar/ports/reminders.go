package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/fields"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/calendar/app"
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
		h.fail(c, targetNotFound(kind))
		return
	}
	in := app.ReminderInput{Kind: kind, TargetID: target}
	if req.MinutesBefore != nil {
		in.MinutesBefore = *req.MinutesBefore
	}
	if req.AtTime != nil {
		in.AtTime = *req.AtTime
	}
	if req.MinutesBefore == nil && in.AtTime == "" || req.MinutesBefore != nil && req.AtTime != nil {
		h.fail(c, domain.ErrInvalidReminder)
		return
	}
	r, err := h.app.CreateReminder(c.Request.Context(), caller, in)
	reply(h, c, http.StatusCreated, reminderOf, r, err)
}

// targetNotFound is the not-found of what a reminder is about (an id
// that names nothing), or invalid_reminder for an unknown kind.
func targetNotFound(kind domain.TargetKind) error {
	switch kind {
	case domain.TargetMeeting:
		return domain.ErrMeetingNotFound
	case domain.TargetTaskSeries:
		return domain.ErrTaskSeriesNotFound
	case domain.TargetTask:
		return app.ErrTaskNotFound
	default:
		return domain.ErrInvalidReminder
	}
}

// listReminders: the caller's reminders, or with kind and targetId their
// reminders about one object they may see.
func (h *HTTP) listReminders(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var (
		list []domain.Reminder
		err  error
	)
	kind, targetID := domain.TargetKind(c.Query("kind")), c.Query("targetId")
	switch {
	case kind == "" && targetID == "":
		list, err = h.app.Reminders(c.Request.Context(), caller)
	case kind != domain.TargetMeeting && kind != domain.TargetTaskSeries && kind != domain.TargetTask:
		err = fields.Problems{"kind": fields.Invalid}.QueryErr()
	default:
		id, valid := fields.ParseUUID(targetID)
		if !valid {
			err = targetNotFound(kind)
			break
		}
		list, err = h.app.RemindersOf(c.Request.Context(), caller, kind, id)
	}
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

// snoozeReminder brings the last notice of one of the caller's reminders
// again in some minutes.
func (h *HTTP) snoozeReminder(c *gin.Context) {
	caller, id, ok := h.callerAndID(c, domain.ErrReminderNotFound)
	if !ok {
		return
	}
	var req snoozeRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	r, err := h.app.Snooze(c.Request.Context(), caller, id, *req.Minutes)
	reply(h, c, http.StatusOK, reminderOf, r, err)
}

func (h *HTTP) deleteReminder(c *gin.Context) {
	caller, id, ok := h.callerAndID(c, domain.ErrReminderNotFound)
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
	caller, id, ok := h.callerAndID(c, domain.ErrFeedTokenNotFound)
	if !ok {
		return
	}
	h.noContent(c, h.app.RevokeFeedToken(c.Request.Context(), caller, id))
}

func (h *HTTP) regenerateFeedToken(c *gin.Context) {
	caller, id, ok := h.callerAndID(c, domain.ErrFeedTokenNotFound)
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
