package ports

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// The internal membership contract (contracts/projects_internal.go).

func (h *HTTP) internalMembership(c *gin.Context) {
	m, err := h.app.Membership(c.Request.Context(), c.Param("id"), c.Param("userId"))
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, m)
}

func (h *HTTP) internalProjectMembers(c *gin.Context) {
	out, err := h.app.ProjectMembers(c.Request.Context(), c.Param("id"))
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}

func (h *HTTP) internalUserProjects(c *gin.Context) {
	out, err := h.app.UserProjects(c.Request.Context(), c.Param("userId"))
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}

func (h *HTTP) internalAddMember(c *gin.Context) {
	var body contracts.AddMemberRequest
	if err := httpserver.BindJSON(c, &body); err != nil {
		h.fail(c, err)
		return
	}
	m, err := h.app.JoinByInvitation(c.Request.Context(), c.Param("id"), body)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, m)
}

// Event subscriptions (components/subscriptions/projects.yaml).

func (h *HTTP) onUserDeleted(ctx context.Context, ev events.Event) error {
	if ev.Type != contracts.EventUserDeleted {
		return fmt.Errorf("%w: %s delivered to the user.deleted route", daprx.ErrDrop, ev.Type)
	}
	var payload contracts.UserDeleted
	if err := ev.Decode(&payload); err != nil {
		return errors.Join(daprx.ErrDrop, err)
	}
	if _, ok := domain.ParseID(payload.UserID); !ok {
		return fmt.Errorf("%w: user.deleted without a valid userId", daprx.ErrDrop)
	}
	if err := h.app.UserDeleted(ctx, ev.ID, payload); err != nil {
		return err
	}
	return nil
}

// ignoreEvent acknowledges the users topic's other events: this service
// has nothing to do with them.
func ignoreEvent(context.Context, events.Event) error { return nil }
