package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// callerAndTask reads the signed-in user and the task id of the path; a
// malformed id is a task that does not exist.
func (h *HTTP) callerAndTask(c *gin.Context) (user, task string, ok bool) {
	if user, ok = h.caller(c); !ok {
		return "", "", false
	}
	if task, ok = parseID(c.Param("taskId")); !ok {
		h.fail(c, domain.ErrTaskNotFound)
	}
	return user, task, ok
}

func (h *HTTP) followers(c *gin.Context) {
	user, task, ok := h.callerAndTask(c)
	if !ok {
		return
	}
	people, err := h.app.Followers(c.Request.Context(), user, task)
	if err != nil {
		h.fail(c, err)
		return
	}
	following := false
	for _, p := range people {
		following = following || p.ID == user
	}
	c.JSON(http.StatusOK, followersDTO{Items: people, Following: following})
}

func (h *HTTP) following(c *gin.Context) {
	user, task, ok := h.callerAndTask(c)
	if !ok {
		return
	}
	f, err := h.app.Following(c.Request.Context(), user, task)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, followingDTO{Following: f})
}

// follow makes the caller follow the task (PUT) or stop (DELETE).
func (h *HTTP) follow(on bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		user, task, ok := h.callerAndTask(c)
		if !ok {
			return
		}
		f, err := h.app.Follow(c.Request.Context(), user, task, on)
		if err != nil {
			h.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, followingDTO{Following: f})
	}
}
