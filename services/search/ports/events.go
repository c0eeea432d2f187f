package ports

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/fields"

	"github.com/taskrocket/taskrocket/services/search/domain"
)

// Routes the declarative subscriptions (components/subscriptions/
// search.yaml) deliver each topic's events to; each handler takes the
// event types it uses and acknowledges the others.
const (
	RouteTasks    = "/events/tasks"
	RouteProjects = "/events/projects"
	RouteComments = "/events/comments"
	RouteUsers    = "/events/users"
)

// consumedEvent is the union of the payload fields this service uses.
// Only those are decoded, so additions to other contexts' payloads do not
// concern it.
type consumedEvent struct {
	ProjectID      string         `json:"projectId"`
	ProjectVersion int64          `json:"projectVersion"`
	TaskID         *string        `json:"taskId"`
	Task           contracts.Task `json:"task"`
	UserID         string         `json:"userId"`
	Reason         string         `json:"reason"`
	// labels and projects
	CategoryID  string   `json:"categoryId"`
	TagID       string   `json:"tagId"`
	Name        string   `json:"name"`
	Key         string   `json:"key"`
	Description string   `json:"description"`
	Changed     []string `json:"changed"`
	// comments
	CommentID string            `json:"commentId"`
	Comment   contracts.Comment `json:"comment"`
	// users
	Username    string    `json:"username"`
	DisplayName string    `json:"displayName"`
	OccurredAt  time.Time `json:"occurredAt"`
}

func decode(ev events.Event) (consumedEvent, error) {
	var p consumedEvent
	if err := ev.Decode(&p); err != nil {
		return consumedEvent{}, errors.Join(daprx.ErrDrop, err)
	}
	return p, nil
}

// ids checks that every named value is a UUID (DROP otherwise: the event
// can never be applied) and returns them canonical.
func ids(ev events.Event, pairs ...string) ([]string, error) {
	out := make([]string, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		v, ok := fields.ParseUUID(pairs[i+1])
		if !ok {
			return nil, fmt.Errorf("%w: %s without a valid %s", daprx.ErrDrop, ev.Type, pairs[i])
		}
		out = append(out, v)
	}
	return out, nil
}

func (h *HTTP) onTask(ctx context.Context, ev events.Event) error {
	p, err := decode(ev)
	if err != nil {
		return err
	}
	switch ev.Type {
	case contracts.EventTaskCreated, contracts.EventTaskUpdated:
		v, err := ids(ev, "task.id", p.Task.ID, "task.projectId", p.Task.ProjectID)
		if err != nil {
			return err
		}
		task := domain.TaskFromContract(p.Task)
		task.ID, task.ProjectID = v[0], v[1]
		return h.app.TaskChanged(ctx, task)
	case contracts.EventTaskDeleted:
		v, err := ids(ev, "projectId", p.ProjectID, "taskId", deref(p.TaskID))
		if err != nil {
			return err
		}
		return h.app.TaskDeleted(ctx, v[0], v[1])
	case contracts.EventTaskUnassigned:
		if p.Reason != contracts.UnassignedMemberRemoved {
			return nil // the edit's task.updated carries the new assignees
		}
		v, err := ids(ev, "taskId", deref(p.TaskID), "userId", p.UserID)
		if err != nil {
			return err
		}
		return h.app.MemberUnassigned(ctx, v[0], v[1])
	case contracts.EventTagCreated, contracts.EventTagUpdated, contracts.EventTagDeleted:
		return h.label(ctx, ev, p, domain.KindTag, p.TagID, ev.Type == contracts.EventTagDeleted)
	case contracts.EventCategoryCreated, contracts.EventCategoryUpdated, contracts.EventCategoryDeleted:
		return h.label(ctx, ev, p, domain.KindCategory, p.CategoryID, ev.Type == contracts.EventCategoryDeleted)
	}
	return nil
}

func (h *HTTP) label(ctx context.Context, ev events.Event, p consumedEvent, kind, id string, deleted bool) error {
	v, err := ids(ev, "projectId", p.ProjectID, kind+"Id", id)
	if err != nil {
		return err
	}
	return h.app.LabelChanged(ctx, domain.Label{
		ID: v[1], ProjectID: v[0], Kind: kind, Name: p.Name, At: occurred(ev, p), Deleted: deleted,
	})
}

func (h *HTTP) onProject(ctx context.Context, ev events.Event) error {
	switch ev.Type {
	case contracts.EventProjectCreated, contracts.EventProjectUpdated, contracts.EventProjectDeleted:
	default:
		return nil // membership is asked at query time; archiving hides nothing
	}
	p, err := decode(ev)
	if err != nil {
		return err
	}
	v, err := ids(ev, "projectId", p.ProjectID)
	if err != nil {
		return err
	}
	if ev.Type == contracts.EventProjectDeleted {
		return h.app.ProjectDeleted(ctx, v[0], p.ProjectVersion)
	}
	renamed := ev.Type == contracts.EventProjectCreated ||
		slices.Contains(p.Changed, "name") || slices.Contains(p.Changed, "key")
	return h.app.ProjectChanged(ctx, domain.Project{
		ID: v[0], Name: p.Name, Key: p.Key, Description: p.Description, Version: p.ProjectVersion,
	}, renamed)
}

func (h *HTTP) onComment(ctx context.Context, ev events.Event) error {
	switch ev.Type {
	case contracts.EventCommentCreated, contracts.EventCommentUpdated, contracts.EventCommentDeleted:
	default:
		return nil
	}
	p, err := decode(ev)
	if err != nil {
		return err
	}
	if p.TaskID == nil {
		return nil // a project's discussion is not indexed
	}
	v, err := ids(ev, "projectId", p.ProjectID, "taskId", *p.TaskID, "commentId", p.CommentID)
	if err != nil {
		return err
	}
	c := domain.Comment{ID: v[2], TaskID: v[1], ProjectID: v[0], Body: p.Comment.Body, Version: p.Comment.Version}
	if ev.Type == contracts.EventCommentDeleted {
		c.Body, c.Deleted = "", true
	}
	return h.app.CommentChanged(ctx, c)
}

func (h *HTTP) onUser(ctx context.Context, ev events.Event) error {
	switch ev.Type {
	case contracts.EventUserRegistered, contracts.EventUserUpdated, contracts.EventUserDeleted:
	default:
		return nil
	}
	p, err := decode(ev)
	if err != nil {
		return err
	}
	v, err := ids(ev, "userId", p.UserID)
	if err != nil {
		return err
	}
	return h.app.UserChanged(ctx, domain.User{
		ID: v[0], Username: p.Username, DisplayName: p.DisplayName, At: occurred(ev, p),
		Deleted: ev.Type == contracts.EventUserDeleted,
	})
}

// occurred is when the change happened: the payload's occurredAt, or the
// CloudEvent's time.
func occurred(ev events.Event, p consumedEvent) time.Time {
	if !p.OccurredAt.IsZero() {
		return p.OccurredAt
	}
	return ev.Time
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
