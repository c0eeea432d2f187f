package adapters

import (
	"context"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/peers"

	"github.com/taskrocket/taskrocket/services/audit/app"
	"github.com/taskrocket/taskrocket/services/audit/domain"
)

// Projects asks the projects service about memberships (app.Projects).
type Projects struct {
	p peers.Projects
}

// NewProjects returns the client of the projects app appID.
func NewProjects(sidecar daprx.Invoker, appID string) Projects {
	return Projects{p: peers.Projects{C: daprx.Client{Sidecar: sidecar, AppID: appID}}}
}

// IsMember implements app.Projects.
func (p Projects) IsMember(ctx context.Context, projectID, userID string) (bool, error) {
	_, found, err := p.p.Membership(ctx, projectID, userID)
	if err != nil {
		return false, unavailable(err, domain.ErrProjectsUnavailable)
	}
	return found, nil
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
