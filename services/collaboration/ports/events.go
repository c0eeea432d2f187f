package ports

import (
	"context"
	"errors"
	"fmt"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// Events of other contexts this service consumes (the subscriptions route
// them by type). Only the fields used are decoded, so additions to those
// payloads do not concern this service.
type consumedEvent struct {
	ProjectID   string `json:"projectId"`
	TaskID      string `json:"taskId"`
	UserID      string `json:"userId"`
	Username    string `json:"username"`
	DisplayName string `json:"displayName"`
}

func decodeEvent(ev events.Event, want ...string) (consumedEvent, error) {
	ok := false
	for _, w := range want {
		ok = ok || ev.Type == w
	}
	if !ok {
		return consumedEvent{}, fmt.Errorf("%w: %s delivered to the route of %v", daprx.ErrDrop, ev.Type, want)
	}
	var p consumedEvent
	if err := ev.Decode(&p); err != nil {
		return consumedEvent{}, errors.Join(daprx.ErrDrop, err)
	}
	return p, nil
}

func id(field, raw string, ev events.Event) (string, error) {
	v, ok := domain.ParseID(raw)
	if !ok {
		return "", fmt.Errorf("%w: %s without a valid %s", daprx.ErrDrop, ev.Type, field)
	}
	return v, nil
}

func (h *HTTP) onTaskDeleted(ctx context.Context, ev events.Event) error {
	p, err := decodeEvent(ev, contracts.EventTaskDeleted)
	if err != nil {
		return err
	}
	pid, err := id("projectId", p.ProjectID, ev)
	if err != nil {
		return err
	}
	tid, err := id("taskId", p.TaskID, ev)
	if err != nil {
		return err
	}
	return h.app.TaskDeleted(ctx, pid, tid)
}

func (h *HTTP) onProjectDeleted(ctx context.Context, ev events.Event) error {
	p, err := decodeEvent(ev, contracts.EventProjectDeleted)
	if err != nil {
		return err
	}
	pid, err := id("projectId", p.ProjectID, ev)
	if err != nil {
		return err
	}
	return h.app.ProjectDeleted(ctx, pid)
}

func (h *HTTP) onUserNamed(ctx context.Context, ev events.Event) error {
	p, err := decodeEvent(ev, contracts.EventUserRegistered, contracts.EventUserUpdated)
	if err != nil {
		return err
	}
	uid, err := id("userId", p.UserID, ev)
	if err != nil {
		return err
	}
	return h.app.UserNamed(ctx, uid, p.Username, p.DisplayName)
}

func (h *HTTP) onUserDeleted(ctx context.Context, ev events.Event) error {
	p, err := decodeEvent(ev, contracts.EventUserDeleted)
	if err != nil {
		return err
	}
	uid, err := id("userId", p.UserID, ev)
	if err != nil {
		return err
	}
	return h.app.UserDeleted(ctx, uid)
}

// ignoreEvent acknowledges the events of the subscribed topics this
// service has nothing to do with.
func ignoreEvent(context.Context, events.Event) error { return nil }
