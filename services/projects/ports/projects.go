package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// caller is the signed-in user (authn.Require ran before every public
// handler).
func caller(c *gin.Context) string {
	p, _ := authn.PrincipalFrom(c)
	return p.UserID
}

func (h *HTTP) fail(c *gin.Context, err error) { httpserver.Fail(c, h.opts.Log, err) }

func (h *HTTP) createProject(c *gin.Context) {
	var body projectRequest
	if err := httpserver.BindJSON(c, &body); err != nil {
		h.fail(c, err)
		return
	}
	v, err := h.app.CreateProject(c.Request.Context(), caller(c), body.details())
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/projects/"+v.ID)
	c.JSON(http.StatusCreated, toProject(v))
}

func (h *HTTP) listProjects(c *gin.Context) {
	problems := domain.FieldErrors{}
	filter := domain.ArchivedFilter(c.DefaultQuery("archived", string(domain.ArchivedExclude)))
	switch filter {
	case domain.ArchivedExclude, domain.ArchivedOnly, domain.ArchivedAll:
	default:
		problems.Add("archived", domain.ProblemInvalid)
	}
	limit := pageLimit(c, problems)
	if err := problems.Err(); err != nil {
		h.fail(c, err)
		return
	}
	after, err := projectCursor(c.Query("cursor"))
	if err != nil {
		h.fail(c, err)
		return
	}
	views, more, err := h.app.Projects(c.Request.Context(), caller(c), filter, after, limit)
	if err != nil {
		h.fail(c, err)
		return
	}
	out := page[project]{Items: make([]project, 0, len(views))}
	for _, v := range views {
		out.Items = append(out.Items, toProject(v))
	}
	if more {
		last := views[len(views)-1]
		out.NextCursor = encodeCursor(projectPosition{Name: last.Name, ID: last.ID})
	}
	c.JSON(http.StatusOK, out)
}

func (h *HTTP) getProject(c *gin.Context) {
	v, err := h.app.Project(c.Request.Context(), caller(c), c.Param("id"))
	h.answerProject(c, v, err)
}

func (h *HTTP) updateProject(c *gin.Context) {
	var body projectRequest
	if err := httpserver.BindJSON(c, &body); err != nil {
		h.fail(c, err)
		return
	}
	v, err := h.app.UpdateProject(c.Request.Context(), caller(c), c.Param("id"), body.details())
	h.answerProject(c, v, err)
}

func (h *HTTP) archive(c *gin.Context) {
	v, err := h.app.Archive(c.Request.Context(), caller(c), c.Param("id"))
	h.answerProject(c, v, err)
}

func (h *HTTP) unarchive(c *gin.Context) {
	v, err := h.app.Unarchive(c.Request.Context(), caller(c), c.Param("id"))
	h.answerProject(c, v, err)
}

func (h *HTTP) transfer(c *gin.Context) {
	var body transferRequest
	if err := httpserver.BindJSON(c, &body); err != nil {
		h.fail(c, err)
		return
	}
	v, err := h.app.Transfer(c.Request.Context(), caller(c), c.Param("id"), body.UserID)
	h.answerProject(c, v, err)
}

func (h *HTTP) deleteProject(c *gin.Context) {
	if err := h.app.DeleteProject(c.Request.Context(), caller(c), c.Param("id")); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *HTTP) answerProject(c *gin.Context, v domain.View, err error) {
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toProject(v))
}
