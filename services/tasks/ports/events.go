package ports

import (
	"context"
	"errors"
	"fmt"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/tasks/app"
	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// Events of the projects topic this service consumes (the subscription
// routes them by type). Only the fields used are decoded, so additions to
// the projects context's payloads do not concern this service.
type projectEvent struct {
	Actor struct {
		UserID string `json:"userId"`
	} `json:"actor"`
	ProjectID string `json:"projectId"`
	UserID    string `json:"userId"`
}

func decodeProjectEvent(ev events.Event, want string) (projectEvent, string, error) {
	if ev.Type != want {
		return projectEvent{}, "", fmt.Errorf("%w: %s delivered to the %s route", daprx.ErrDrop, ev.Type, want)
	}
	var p projectEvent
	if err := ev.Decode(&p); err != nil {
		return projectEvent{}, "", errors.Join(daprx.ErrDrop, err)
	}
	pid, ok := domain.ParseID(p.ProjectID)
	if !ok {
		return projectEvent{}, "", fmt.Errorf("%w: %s without a valid projectId", daprx.ErrDrop, ev.Type)
	}
	return p, pid, nil
}

func (h *HTTP) onProjectDeleted(ctx context.Context, ev events.Event) error {
	_, pid, err := decodeProjectEvent(ev, contracts.EventProjectDeleted)
	if err != nil {
		return err
	}
	return h.app.ProjectDeleted(ctx, ev.ID, pid)
}

func (h *HTTP) onMemberRemoved(ctx context.Context, ev events.Event) error {
	p, pid, err := decodeProjectEvent(ev, contracts.EventProjectMemberRemoved)
	if err != nil {
		return err
	}
	uid, ok := domain.ParseID(p.UserID)
	if !ok {
		return fmt.Errorf("%w: %s without a valid userId", daprx.ErrDrop, ev.Type)
	}
	// The actor is who removed them, or the member who left; a payload
	// without one is attributed to the member.
	actor, ok := domain.ParseID(p.Actor.UserID)
	if !ok {
		actor = uid
	}
	return h.app.MemberRemoved(ctx, ev.ID, actor, pid, uid)
}

// onPriorityEvent stores what priority.effective_changed tells; the
// priorities topic's other events are acknowledged.
func (h *HTTP) onPriorityEvent(ctx context.Context, ev events.Event) error {
	if ev.Type != contracts.EventPriorityEffectiveChanged {
		return nil
	}
	var p struct {
		TaskID    string  `json:"taskId"`
		Effective string  `json:"effective"`
		Reason    *string `json:"reason"`
		RuleID    *string `json:"ruleId"`
		Sequence  int64   `json:"sequence"`
	}
	if err := ev.Decode(&p); err != nil {
		return errors.Join(daprx.ErrDrop, err)
	}
	tid, ok := domain.ParseID(p.TaskID)
	level, known := domain.ParsePriority(p.Effective)
	if !ok || !known || p.Sequence < 1 {
		return fmt.Errorf("%w: %s without a valid taskId, effective priority or sequence", daprx.ErrDrop, ev.Type)
	}
	ch := app.EffectiveChange{TaskID: tid, Sequence: p.Sequence}
	if p.RuleID != nil && p.Reason != nil {
		ch.Priority, ch.Reason = &level, *p.Reason
	}
	return h.app.EffectiveChanged(ctx, ch)
}

// ignoreEvent acknowledges the projects topic's other events: this
// service has nothing to do with them.
func ignoreEvent(context.Context, events.Event) error { return nil }
