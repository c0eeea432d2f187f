package ports

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/fields"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// Routes the declarative subscriptions (components/subscriptions/
// calendar.yaml) deliver to; each reads the event's type.
const (
	RouteTasks    = "/events/tasks"
	RouteProjects = "/events/projects"
)

// onTaskEvent: task.created and task.updated carry the state the view of
// tasks keeps (dates, title, status); task.deleted removes a task;
// task.status_changed to done moves an after-completion series on. The
// topic's other events are acknowledged.
func (h *HTTP) onTaskEvent(ctx context.Context, ev events.Event) error {
	switch ev.Type {
	case contracts.EventTaskCreated, contracts.EventTaskUpdated:
		var p struct {
			Task contracts.Task `json:"task"`
		}
		if err := decode(ev, &p); err != nil {
			return err
		}
		t, ok := taskOf(p.Task)
		if !ok {
			return fmt.Errorf("%w: %s without valid ids", daprx.ErrDrop, ev.Type)
		}
		return h.app.TaskChanged(ctx, t)
	case contracts.EventTaskDeleted:
		var p contracts.TaskDeleted
		if err := decode(ev, &p); err != nil {
			return err
		}
		pid, ok1 := fields.ParseUUID(p.ProjectID)
		tid, ok2 := fields.ParseUUID(p.TaskID)
		if !ok1 || !ok2 {
			return fmt.Errorf("%w: %s without valid ids", daprx.ErrDrop, ev.Type)
		}
		return h.app.TaskDeleted(ctx, pid, tid)
	case contracts.EventTaskStatusChanged:
		var p contracts.TaskStatusChanged
		if err := decode(ev, &p); err != nil {
			return err
		}
		tid, ok := fields.ParseUUID(p.TaskID)
		if !ok {
			return fmt.Errorf("%w: %s without a valid taskId", daprx.ErrDrop, ev.Type)
		}
		if p.To != contracts.TaskDone || p.From == contracts.TaskDone {
			return nil
		}
		return h.app.TaskCompleted(ctx, tid, p.OccurredAt)
	}
	return nil
}

// onProjectEvent: project.deleted removes the project's series, reminders,
// meetings' link and tasks; project.member_removed the former member's
// reminders about its items. Other types are acknowledged.
func (h *HTTP) onProjectEvent(ctx context.Context, ev events.Event) error {
	switch ev.Type {
	case contracts.EventProjectDeleted:
		var p contracts.ProjectDeleted
		if err := decode(ev, &p); err != nil {
			return err
		}
		pid, ok := fields.ParseUUID(p.ProjectID)
		if !ok {
			return fmt.Errorf("%w: %s without a valid projectId", daprx.ErrDrop, ev.Type)
		}
		return h.app.ProjectDeleted(ctx, pid)
	case contracts.EventProjectMemberRemoved:
		var p contracts.ProjectMemberRemoved
		if err := decode(ev, &p); err != nil {
			return err
		}
		pid, ok1 := fields.ParseUUID(p.ProjectID)
		uid, ok2 := fields.ParseUUID(p.UserID)
		if !ok1 || !ok2 {
			return fmt.Errorf("%w: %s without valid ids", daprx.ErrDrop, ev.Type)
		}
		return h.app.MemberRemoved(ctx, pid, uid)
	}
	return nil
}

func taskOf(c contracts.Task) (domain.Task, bool) {
	tid, ok1 := fields.ParseUUID(c.ID)
	pid, ok2 := fields.ParseUUID(c.ProjectID)
	if !ok1 || !ok2 || c.Version < 1 {
		return domain.Task{}, false
	}
	t := domain.Task{ID: tid, ProjectID: pid, Title: c.Title, Status: c.Status, DueAt: c.DueAt, DoneAt: c.DoneAt,
		Version: c.Version, UpdatedAt: c.UpdatedAt}
	if c.Timezone != nil {
		if _, err := time.LoadLocation(*c.Timezone); err == nil {
			t.Timezone = *c.Timezone
		}
	}
	return t, true
}

func decode(ev events.Event, dst any) error {
	if err := ev.Decode(dst); err != nil {
		return errors.Join(daprx.ErrDrop, err)
	}
	return nil
}
