package adapters

import (
	"context"
	"errors"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/membership"
	"github.com/taskrocket/taskrocket/services/platform/peers"

	"github.com/taskrocket/taskrocket/services/audit/app"
	"github.com/taskrocket/taskrocket/services/audit/domain"
)

// Projects answers membership questions from the service's membership
// view (platform/membership: held in memory, kept current by the projects
// topic's events, asked of the projects service on a miss and before a
// refusal).
type Projects struct {
	view *membership.View
}

// NewProjects returns the app.Projects of view.
func NewProjects(view *membership.View) Projects {
	return Projects{view: view}
}

// IsMember implements app.Projects.
func (p Projects) IsMember(ctx context.Context, projectID, userID string) (bool, error) {
	_, err := p.view.Membership(ctx, projectID, userID)
	switch {
	case errors.Is(err, membership.ErrNotFound):
		return false, nil
	case err != nil:
		return false, unavailable(err, domain.ErrProjectsUnavailable)
	}
	return true, nil
}

// Tasks asks the tasks service which project a task is in (app.Tasks).
type Tasks struct {
	t peers.Tasks
}

// NewTasks returns the client of the tasks app appID.
func NewTasks(sidecar daprx.Invoker, appID string) Tasks {
	return Tasks{t: peers.Tasks{C: daprx.Client{Sidecar: sidecar, AppID: appID}}}
}

// TaskProject implements app.Tasks.
func (t Tasks) TaskProject(ctx context.Context, c app.Caller, taskID string) (string, error) {
	pid, found, err := t.t.TaskProject(ctx, c.Authorization, taskID)
	switch {
	case err != nil:
		return "", unavailable(err, domain.ErrTasksUnavailable)
	case !found:
		return "", domain.ErrTaskNotFound
	}
	return pid, nil
}

func unavailable(cause error, down *apperr.Error) error {
	return apperr.Wrap(cause, down.Kind, down.Code, down.Message)
}
