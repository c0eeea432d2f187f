package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/fields"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/calendar/app"
	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

func (h *HTTP) createSeries(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var req seriesRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	ts, err := h.app.CreateTaskSeries(c.Request.Context(), caller, req.input())
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/calendar/series/"+ts.ID)
	c.JSON(http.StatusCreated, seriesOf(ts, h.app.Now()))
}

func (h *HTTP) listSeries(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	projectID, valid := fields.ParseUUID(c.Query("projectId"))
	if !valid {
		problem := fields.Invalid
		if c.Query("projectId") == "" {
			problem = fields.Required
		}
		h.fail(c, fields.Problems{"projectId": problem}.QueryErr())
		return
	}
	list, err := h.app.ProjectTaskSeries(c.Request.Context(), caller, projectID)
	if err != nil {
		h.fail(c, err)
		return
	}
	out := make([]seriesDTO, len(list))
	for i, ts := range list {
		out[i] = seriesOf(ts, h.app.Now())
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

func (h *HTTP) getSeries(c *gin.Context) {
	caller, id, ok := h.callerAndID(c, domain.ErrTaskSeriesNotFound)
	if !ok {
		return
	}
	ts, err := h.app.TaskSeries(c.Request.Context(), caller, id)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, seriesOf(ts, h.app.Now()))
}

func (h *HTTP) changeSeries(c *gin.Context) {
	caller, id, ok := h.callerAndID(c, domain.ErrTaskSeriesNotFound)
	if !ok {
		return
	}
	var req seriesChangeRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	h.change(c, caller, id, app.SeriesChange{Title: req.Title, Status: domain.SeriesStatus(req.Status)})
}

func (h *HTTP) skipOccurrence(c *gin.Context) {
	caller, id, ok := h.callerAndID(c, domain.ErrTaskSeriesNotFound)
	if !ok {
		return
	}
	var req skipRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	h.change(c, caller, id, app.SeriesChange{Skip: &req.DueAt})
}

func (h *HTTP) change(c *gin.Context, caller, id string, ch app.SeriesChange) {
	ts, err := h.app.ChangeTaskSeries(c.Request.Context(), caller, id, ch)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, seriesOf(ts, h.app.Now()))
}

func (h *HTTP) deleteSeries(c *gin.Context) {
	caller, id, ok := h.callerAndID(c, domain.ErrTaskSeriesNotFound)
	if !ok {
		return
	}
	h.noContent(c, h.app.DeleteTaskSeries(c.Request.Context(), caller, id))
}
