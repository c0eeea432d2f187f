package membership

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/events"
)

// RouteProjectEvents is where the sidecar delivers the projects topic to
// the view: the route of the consuming app's Subscription on the views
// pub/sub component (components/subscriptions/<app>.yaml).
const RouteProjectEvents = "/events/views/projects"

// projectEvent is the union of the projects events' fields the view uses.
type projectEvent struct {
	Type            string `json:"-"`
	ProjectID       string `json:"projectId"`
	Version         int64  `json:"projectVersion"`
	UserID          string `json:"userId"`
	Role            string `json:"role"`
	OwnerID         string `json:"ownerId"`
	PreviousOwnerID string `json:"previousOwnerId"`
	NewOwnerID      string `json:"newOwnerId"`
}

// Subscribe registers the route the sidecar delivers the projects topic
// to (RouteProjectEvents); only the sidecar (appToken) may call it.
func (v *View) Subscribe(r gin.IRouter, log *slog.Logger, appToken string) {
	r.POST(RouteProjectEvents, daprx.Subscriber(log, appToken, v.Handle)...)
}

// Handle applies one projects event to the view. Events of other topics'
// types are acknowledged without effect; a malformed one is dropped.
func (v *View) Handle(_ context.Context, ev events.Event) error {
	if !strings.HasPrefix(ev.Type, "taskrocket.project.") {
		return nil
	}
	var pe projectEvent
	if err := ev.Decode(&pe); err != nil {
		return errors.Join(daprx.ErrDrop, err)
	}
	if pe.ProjectID == "" || pe.Version < 0 {
		return fmt.Errorf("%w: %s without a projectId or with a negative projectVersion", daprx.ErrDrop, ev.Type)
	}
	pe.Type = ev.Type
	v.mu.Lock()
	v.recent.Add(record{project: pe.ProjectID, version: pe.Version})
	out := v.applyToProject(pe)
	v.mu.Unlock()
	v.m.events.WithLabelValues(out.String()).Inc()
	return nil
}
