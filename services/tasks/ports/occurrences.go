package ports

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/tasks/app"
)

// RouteOccurrences is where the calendar creates the tasks of recurring
// tasks' occurrences (through its sidecar: app token, calendar only).
const RouteOccurrences = "/internal/occurrences"

type occurrenceRequest struct {
	Key          string    `json:"key" binding:"required"`
	ProjectID    string    `json:"projectId" binding:"required"`
	SourceTaskID string    `json:"sourceTaskId"`
	Title        string    `json:"title"`
	CreatedBy    string    `json:"createdBy" binding:"required"`
	DueAt        time.Time `json:"dueAt" binding:"required"`
	Timezone     string    `json:"timezone"`
}

func (h *HTTP) createOccurrence(c *gin.Context) {
	var req occurrenceRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	t, err := h.app.CreateOccurrence(c.Request.Context(), app.Occurrence{Key: req.Key, ProjectID: req.ProjectID,
		SourceTaskID: req.SourceTaskID, Title: req.Title, CreatedBy: req.CreatedBy, DueAt: req.DueAt, Timezone: req.Timezone})
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"id": t.ID})
}
