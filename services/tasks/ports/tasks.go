package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

func (h *HTTP) respondTask(c *gin.Context, status int, t domain.Task) {
	c.Header("ETag", httpserver.ETag(t.Version))
	c.JSON(status, toTask(t))
}

func (h *HTTP) createTask(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var req createTaskRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	t, err := h.app.CreateTask(c.Request.Context(), caller, c.Param("projectId"), req.input())
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/tasks/"+t.ID)
	h.respondTask(c, http.StatusCreated, t)
}

func (h *HTTP) getTask(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	t, err := h.app.Task(c.Request.Context(), caller, c.Param("id"))
	if err != nil {
		h.fail(c, err)
		return
	}
	h.respondTask(c, http.StatusOK, t)
}

func (h *HTTP) updateTask(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var req updateTaskRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	t, err := h.app.UpdateTask(c.Request.Context(), caller, c.Param("id"), httpserver.IfMatch(c), req.patch())
	if err != nil {
		h.fail(c, err)
		return
	}
	h.respondTask(c, http.StatusOK, t)
}

func (h *HTTP) deleteTask(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	if err := h.app.DeleteTask(c.Request.Context(), caller, c.Param("id"), httpserver.IfMatch(c)); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *HTTP) projectTasks(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	q, err := taskQuery(c.Request.URL.RawQuery, caller)
	if err != nil {
		h.fail(c, err)
		return
	}
	page, err := h.app.ProjectTasks(c.Request.Context(), caller, c.Param("projectId"), q)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toTaskList(page))
}

func (h *HTTP) myTasks(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	q, err := taskQuery(c.Request.URL.RawQuery, caller)
	if err != nil {
		h.fail(c, err)
		return
	}
	page, err := h.app.MyTasks(c.Request.Context(), caller, q)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toTaskList(page))
}
