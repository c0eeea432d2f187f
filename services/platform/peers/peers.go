// Package peers asks the services that own projects and tasks the two
// questions other services need answered on almost every request: is this
// user a member of this project (the projects service's internal
// membership contract), and which project is this task in, as the caller
// may see it (the tasks service's public API, with the caller's own
// Authorization relayed). Answers are never cached: a member who is
// removed loses access with the next request.
package peers

import (
	"context"
	"fmt"
	"net/http"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// Projects is the projects app.
type Projects struct {
	C daprx.Client
}

// Membership returns the user's standing in the project; found is false
// when the project does not exist or the user is not a member (callers
// must not tell those apart to clients). An error means no answer.
func (p Projects) Membership(ctx context.Context, projectID, userID string) (m contracts.Membership, found bool, err error) {
	method := fmt.Sprintf(contracts.ProjectsPathMembership, projectID, userID)
	a, err := p.C.Call(ctx, http.MethodGet, method, nil, &m)
	found, err = Read(p.C, method, a, err)
	return m, found, err
}

// Tasks is the tasks app.
type Tasks struct {
	C daprx.Client
}

// TaskProject returns the project of a task as the holder of
// authorization may read it; found is false for a task that does not
// exist or that they may not see.
func (t Tasks) TaskProject(ctx context.Context, authorization, taskID string) (projectID string, found bool, err error) {
	method := "api/v1/tasks/" + taskID
	var task struct {
		ProjectID string `json:"projectId"`
	}
	a, err := t.C.CallAs(ctx, authorization, http.MethodGet, method, nil, &task)
	if found, err = Read(t.C, method, a, err); !found || err != nil {
		return "", found, err
	}
	pid, ok := fields.ParseUUID(task.ProjectID)
	if !ok {
		return "", false, t.C.Unexpected(method, a)
	}
	return pid, true, nil
}

// Read interprets an answer: a 2xx is found, a 404 naming a missing thing
// is not found, anything else (or no answer) is an error.
func Read(c daprx.Client, method string, a daprx.Answer, err error) (bool, error) {
	switch {
	case err != nil:
		return false, err
	case a.NotFound():
		return false, nil
	case a.Status < 200 || a.Status > 299:
		return false, c.Unexpected(method, a)
	}
	return true, nil
}
