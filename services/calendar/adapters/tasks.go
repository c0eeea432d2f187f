package adapters

import (
	"context"
	"net/http"

	"github.com/taskrocket/taskrocket/services/platform/daprx"

	"github.com/taskrocket/taskrocket/services/calendar/app"
)

// Tasks creates occurrences in the tasks service through the sidecar
// (its internal route POST /internal/occurrences, once per key).
type Tasks struct {
	client daprx.Client
}

// NewTasks returns the app.Tasks of the tasks app appID.
func NewTasks(sidecar daprx.Invoker, appID string) *Tasks {
	return &Tasks{client: daprx.Client{Sidecar: sidecar, AppID: appID}}
}

var _ app.Tasks = (*Tasks)(nil)

type occurrenceBody struct {
	Key          string `json:"key"`
	ProjectID    string `json:"projectId"`
	SourceTaskID string `json:"sourceTaskId,omitempty"`
	Title        string `json:"title"`
	CreatedBy    string `json:"createdBy"`
	DueAt        string `json:"dueAt"`
	Timezone     string `json:"timezone"`
}

// CreateOccurrence implements app.Tasks.
func (t *Tasks) CreateOccurrence(ctx context.Context, o app.Occurrence) (string, error) {
	const method = "internal/occurrences"
	var out struct {
		ID string `json:"id"`
	}
	a, err := t.client.Call(ctx, http.MethodPost, method, occurrenceBody{Key: o.Key, ProjectID: o.ProjectID,
		SourceTaskID: o.TaskID, Title: o.Title, CreatedBy: o.CreatedBy, DueAt: o.DueAt.UTC().Format("2006-01-02T15:04:05Z07:00"),
		Timezone: o.Timezone}, &out)
	if err != nil {
		return "", err
	}
	if a.Status != http.StatusCreated {
		return "", t.client.Unexpected(method, a)
	}
	return out.ID, nil
}
