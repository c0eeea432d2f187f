package adapters

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/daprx"

	"github.com/taskrocket/taskrocket/services/priorities/app"
	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

// Tasks loads a project's open tasks from the tasks service (app.Tasks).
type Tasks struct {
	client daprx.Client
}

// NewTasks returns the client of the tasks app appID.
func NewTasks(sidecar daprx.Invoker, appID string) *Tasks {
	return &Tasks{client: daprx.Client{Sidecar: sidecar, AppID: appID}}
}

var _ app.Tasks = (*Tasks)(nil)

// maxPages bounds one load (500 tasks a page).
const maxPages = 1000

// OpenTasks implements app.Tasks, page after page.
func (t *Tasks) OpenTasks(ctx context.Context, projectID string) ([]domain.Task, error) {
	var out []domain.Task
	after := ""
	for range maxPages {
		q := url.Values{"limit": {strconv.Itoa(contracts.TasksOpenTasksMaxLimit)}}
		if after != "" {
			q.Set("after", after)
		}
		method := fmt.Sprintf(contracts.TasksPathOpenTasks, projectID) + "?" + q.Encode()
		var page contracts.TaskList
		a, err := t.client.Call(ctx, http.MethodGet, method, nil, &page)
		if err != nil {
			return nil, unavailable(err)
		}
		if a.Status != http.StatusOK {
			return nil, unavailable(t.client.Unexpected(method, a))
		}
		for _, c := range page.Items {
			out = append(out, domain.TaskFromContract(c))
		}
		if page.Next == "" {
			return out, nil
		}
		after = page.Next
	}
	return nil, unavailable(errors.New("the tasks service kept listing pages"))
}

func unavailable(err error) error {
	return apperr.Wrap(err, apperr.KindUnavailable, domain.ErrTasksUnavailable.Code, domain.ErrTasksUnavailable.Message)
}
