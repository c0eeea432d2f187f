package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/collaboration/app"
	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

func (h *HTTP) commentOnTask(c *gin.Context) {
	h.post(c, func(caller app.Caller, body string) (domain.Comment, error) {
		return h.app.CommentOnTask(c.Request.Context(), caller, c.Param("taskId"), body)
	})
}

func (h *HTTP) commentOnProject(c *gin.Context) {
	h.post(c, func(caller app.Caller, body string) (domain.Comment, error) {
		return h.app.CommentOnProject(c.Request.Context(), caller, c.Param("projectId"), body)
	})
}

func (h *HTTP) post(c *gin.Context, create func(caller app.Caller, body string) (domain.Comment, error)) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var req commentRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	cm, err := create(caller, req.body())
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/comments/"+cm.ID)
	h.respond(c, http.StatusCreated, caller, cm)
}

// respond writes one comment with its author's name and its version as
// the ETag.
func (h *HTTP) respond(c *gin.Context, status int, caller app.Caller, cm domain.Comment) {
	names, err := h.app.Names(c.Request.Context(), []string{cm.AuthorID})
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Header("ETag", httpserver.ETag(cm.Version))
	c.JSON(status, toComment(cm, names, caller.UserID))
}

func (h *HTTP) getComment(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	cm, err := h.app.Comment(c.Request.Context(), caller, c.Param("id"))
	if err != nil {
		h.fail(c, err)
		return
	}
	h.respond(c, http.StatusOK, caller, cm)
}

func (h *HTTP) editComment(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var req commentRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	cm, err := h.app.EditComment(c.Request.Context(), caller, c.Param("id"), httpserver.IfMatch(c), req.body())
	if err != nil {
		h.fail(c, err)
		return
	}
	h.respond(c, http.StatusOK, caller, cm)
}

func (h *HTTP) deleteComment(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	if err := h.app.DeleteComment(c.Request.Context(), caller, c.Param("id"), httpserver.IfMatch(c)); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// react answers 201 when the reaction was added, 200 when the caller had
// it already.
func (h *HTTP) react(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	var req reactionRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	emoji := ""
	if req.Emoji != nil {
		emoji = *req.Emoji
	}
	cm, added, err := h.app.React(c.Request.Context(), caller, c.Param("id"), emoji)
	if err != nil {
		h.fail(c, err)
		return
	}
	status := http.StatusOK
	if added {
		status = http.StatusCreated
	}
	h.respond(c, status, caller, cm)
}

// unreact takes the caller's reaction ?emoji= back; 200 with the comment
// either way (taking back a reaction one does not have changes nothing).
func (h *HTTP) unreact(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	cm, _, err := h.app.Unreact(c.Request.Context(), caller, c.Param("id"), c.Query("emoji"))
	if err != nil {
		h.fail(c, err)
		return
	}
	h.respond(c, http.StatusOK, caller, cm)
}
