package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// Consumer of the priorities topic.
const ConsumerEffectiveChanged = "tasks.effective_changed"

// EffectiveChange is what priority.effective_changed tells of a task:
// the priority its project's rules give it (nil when no rule changes it)
// and why.
type EffectiveChange struct {
	TaskID   string
	Priority *domain.Priority
	Reason   string
	Sequence int64
}

// EffectiveChanged stores a task's effective priority unless a newer one
// is stored already (its sequence). It is not a change of the task: no
// version, no event.
func (a *App) EffectiveChanged(ctx context.Context, ch EffectiveChange) error {
	return a.Store.SetEffective(ctx, ch)
}
