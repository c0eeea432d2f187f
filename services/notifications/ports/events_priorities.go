package ports

import (
	"slices"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// priorityDecoders: a rule raised or lowered a task's effective priority
// (or time made one start to hold): its assignees are told, with the
// reason, under the kind "priority" (muting the project silences it).
var priorityDecoders = map[string]decoder{
	contracts.EventPriorityEffectiveChanged: on(func(p contracts.PriorityEffectiveChanged, c *idChecker) domain.Event {
		out := taskEvent(c, p.Actor, p.ProjectID, p.TaskID, p.OccurredAt)
		out.TaskTitle, out.Detail = p.Title, p.Effective
		if p.Reason != nil {
			out.Excerpt = "Raised from " + p.Previous + ": " + *p.Reason
			if levelRank(p.Effective) < levelRank(p.Previous) {
				out.Excerpt = "Lowered from " + p.Previous + ": " + *p.Reason
			}
		} else {
			out.Excerpt = "No rule applies any more; back to its own priority"
		}
		for _, a := range slices.Compact(slices.Sorted(slices.Values(p.AssigneeIDs))) {
			out.Direct = append(out.Direct, domain.Direct{UserID: c.id("assigneeIds", a), Reason: domain.ReasonPriorityChanged})
		}
		return out
	}),
}

func levelRank(l string) int {
	return slices.Index([]string{contracts.PriorityNone, contracts.PriorityLow, contracts.PriorityMedium, contracts.PriorityHigh, contracts.PriorityUrgent}, l)
}
