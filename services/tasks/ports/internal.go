package ports

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/tasks/app"
	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// The internal contract (contracts.TasksPathOpenTasks): the priorities
// service loads a project's open tasks once, then follows the events.

func (h *HTTP) internalOpenTasks(c *gin.Context) {
	limit := contracts.TasksOpenTasksMaxLimit
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > contracts.TasksOpenTasksMaxLimit {
			h.fail(c, domain.FieldErrors{"limit": domain.ProblemOutOfRange}.QueryErr())
			return
		}
		limit = n
	}
	var after *domain.TaskCursor
	if v := c.Query("after"); v != "" {
		cur, err := decodeTaskCursor(v, domain.SortPosition, domain.Asc)
		if err != nil {
			h.fail(c, err)
			return
		}
		after = cur
	}
	pid, ok := domain.ParseID(c.Param("projectId"))
	if !ok {
		h.fail(c, domain.ErrProjectNotFound)
		return
	}
	page, err := h.app.OpenTasks(c.Request.Context(), pid, after, limit)
	if err != nil {
		h.fail(c, err)
		return
	}
	out := contracts.TaskList{Items: make([]contracts.Task, len(page.Items))}
	for i, t := range page.Items {
		out.Items[i] = app.TaskSnapshot(t)
	}
	if page.Next != nil {
		out.Next = encodeTaskCursor(*page.Next)
	}
	c.JSON(http.StatusOK, out)
}
