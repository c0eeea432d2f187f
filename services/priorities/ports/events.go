package ports

import (
	"context"
	"errors"
	"fmt"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/priorities/app"
	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

// The tasks topic: task.created and task.updated carry the task's state;
// task.unassigned and task.deleted what they remove. Its other events are
// acknowledged (task.updated also tells every status and assignee change
// made through the API).
func (h *HTTP) onTaskEvent(ctx context.Context, ev events.Event) error {
	switch ev.Type {
	case contracts.EventTaskCreated, contracts.EventTaskUpdated:
		var p struct {
			Actor contracts.Actor `json:"actor"`
			Task  contracts.Task  `json:"task"`
		}
		if err := decode(ev, &p); err != nil {
			return err
		}
		tid, ok1 := app.ParseID(p.Task.ID)
		pid, ok2 := app.ParseID(p.Task.ProjectID)
		if !ok1 || !ok2 {
			return fmt.Errorf("%w: %s without valid ids", daprx.ErrDrop, ev.Type)
		}
		t := domain.TaskFromContract(p.Task)
		t.ID, t.ProjectID = tid, pid
		return h.app.TaskChanged(ctx, ev.ID, p.Actor.UserID, t)
	case contracts.EventTaskUnassigned:
		var p contracts.TaskUnassigned
		if err := decode(ev, &p); err != nil {
			return err
		}
		pid, ok1 := app.ParseID(p.ProjectID)
		tid, ok2 := app.ParseID(p.TaskID)
		uid, ok3 := app.ParseID(p.UserID)
		if !ok1 || !ok2 || !ok3 {
			return fmt.Errorf("%w: %s without valid ids", daprx.ErrDrop, ev.Type)
		}
		return h.app.TaskUnassigned(ctx, ev.ID, p.Actor.UserID, pid, tid, uid)
	case contracts.EventTaskDeleted:
		var p contracts.TaskDeleted
		if err := decode(ev, &p); err != nil {
			return err
		}
		pid, ok1 := app.ParseID(p.ProjectID)
		tid, ok2 := app.ParseID(p.TaskID)
		if !ok1 || !ok2 {
			return fmt.Errorf("%w: %s without valid ids", daprx.ErrDrop, ev.Type)
		}
		return h.app.TaskDeleted(ctx, ev.ID, pid, tid, p.AssigneeIDs)
	}
	return nil
}

func (h *HTTP) onProjectDeleted(ctx context.Context, ev events.Event) error {
	if ev.Type != contracts.EventProjectDeleted {
		return fmt.Errorf("%w: %s delivered to the project.deleted route", daprx.ErrDrop, ev.Type)
	}
	var p struct {
		ProjectID string `json:"projectId"`
	}
	if err := decode(ev, &p); err != nil {
		return err
	}
	pid, ok := app.ParseID(p.ProjectID)
	if !ok {
		return fmt.Errorf("%w: %s without a valid projectId", daprx.ErrDrop, ev.Type)
	}
	return h.app.ProjectDeleted(ctx, ev.ID, pid)
}

func decode(ev events.Event, dst any) error {
	if err := ev.Decode(dst); err != nil {
		return errors.Join(daprx.ErrDrop, err)
	}
	return nil
}

// ignoreEvent acknowledges the projects topic's other events.
func ignoreEvent(context.Context, events.Event) error { return nil }
