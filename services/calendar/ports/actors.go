package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/fields"

	"github.com/taskrocket/taskrocket/services/calendar/app"
)

// SeriesActorType is the actor type the app hosts: one actor per
// recurring task, whose reminder creates the next occurrence.
const SeriesActorType = "TaskSeries"

// ReminderActorType: one actor per user's reminder, whose reminders
// "next" and "snooze" publish its notices.
const ReminderActorType = "Reminder"

// RegisterActors adds the actor callbacks the sidecar calls (app token
// required): the actor configuration, reminders and deactivation.
func RegisterActors(e *gin.Engine, h *HTTP) {
	guard := daprx.RequireAppToken(h.opts.AppToken)
	e.GET("/dapr/config", guard, func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{
			"entities": []string{SeriesActorType, ReminderActorType}, "actorIdleTimeout": "1h", "drainOngoingCallTimeout": "30s",
			"drainRebalancedActors": true,
		})
	})
	e.PUT("/actors/"+SeriesActorType+"/:id/method/remind/:name", guard, h.onSeriesReminder)
	e.DELETE("/actors/"+SeriesActorType+"/:id", guard, func(c *gin.Context) { c.Status(http.StatusOK) })
	e.PUT("/actors/"+ReminderActorType+"/:id/method/remind/:name", guard, h.onNotice)
	e.DELETE("/actors/"+ReminderActorType+"/:id", guard, func(c *gin.Context) { c.Status(http.StatusOK) })
}

// onSeriesReminder: the series' reminder came; its occurrence is created
// (once, whatever the number of deliveries) and the next one scheduled.
func (h *HTTP) onSeriesReminder(c *gin.Context) {
	id, ok := fields.ParseUUID(c.Param("id"))
	if !ok {
		c.Status(http.StatusOK) // not a series: nothing will ever fire for it
		return
	}
	if err := h.app.Fire(c.Request.Context(), id); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusOK)
}

// onNotice: a reminder's notice came; it is published (once per
// occurrence and snooze) and the next one scheduled.
func (h *HTTP) onNotice(c *gin.Context) {
	id, ok := fields.ParseUUID(c.Param("id"))
	name := c.Param("name")
	if !ok || name != app.NoticeNext && name != app.NoticeSnooze {
		c.Status(http.StatusOK) // nothing of ours: nothing will ever fire for it
		return
	}
	if err := h.app.FireReminder(c.Request.Context(), id, name); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusOK)
}
