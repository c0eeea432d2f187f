package ports

import (
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// notableTaskFields are the fields whose change followers hear of, in the
// words of the notification. A status change has its own event, assignees
// theirs; the order, tags and category are the team's bookkeeping.
var notableTaskFields = map[string]string{
	"title": "title", "description": "description", "dueAt": "due date", "startAt": "start date",
	"priority": "priority", "estimateMinutes": "estimate",
}

var taskDecoders = map[string]decoder{
	contracts.EventTaskCreated: on(func(p contracts.TaskCreated, c *idChecker) domain.Event {
		out := taskEvent(c, p.Actor, p.ProjectID, p.TaskID, p.OccurredAt)
		out.Task = &domain.TaskFacts{ProjectID: out.ProjectID, Title: p.Task.Title, Version: p.Task.Version}
		out.Follow = []string{c.id("task.createdBy", p.Task.CreatedBy)}
		return out
	}),
	contracts.EventTaskUpdated: on(func(p contracts.TaskUpdated, c *idChecker) domain.Event {
		out := taskEvent(c, p.Actor, p.ProjectID, p.TaskID, p.OccurredAt)
		out.Task = &domain.TaskFacts{ProjectID: out.ProjectID, Title: p.Task.Title, Version: p.Task.Version}
		if changed := humanList(p.Changed, notableTaskFields); changed != "" {
			out.Reason, out.Audience, out.Detail = domain.ReasonTaskUpdated, domain.AudienceFollowers, changed
		}
		return out
	}),
	contracts.EventTaskStatusChanged: on(func(p contracts.TaskStatusChanged, c *idChecker) domain.Event {
		out := taskEvent(c, p.Actor, p.ProjectID, p.TaskID, p.OccurredAt)
		out.TaskTitle, out.Detail = p.Title, p.To
		out.Reason, out.Audience = domain.ReasonTaskStatusChanged, domain.AudienceFollowers
		return out
	}),
	contracts.EventTaskAssigned: on(func(p contracts.TaskAssigned, c *idChecker) domain.Event {
		out := taskEvent(c, p.Actor, p.ProjectID, p.TaskID, p.OccurredAt)
		user := c.id("userId", p.UserID)
		out.TaskTitle = p.Title
		out.Task = &domain.TaskFacts{ProjectID: out.ProjectID, Title: p.Title}
		out.Follow = []string{user} // an assignee follows the task
		out.Direct = direct(user, domain.ReasonAssigned)
		return out
	}),
	contracts.EventTaskUnassigned: on(func(p contracts.TaskUnassigned, c *idChecker) domain.Event {
		out := taskEvent(c, p.Actor, p.ProjectID, p.TaskID, p.OccurredAt)
		user := c.id("userId", p.UserID)
		out.TaskTitle = p.Title
		// Someone who left the project is not told about its tasks.
		if p.Reason != contracts.UnassignedMemberRemoved {
			out.Direct = direct(user, domain.ReasonUnassigned)
		}
		return out
	}),
	contracts.EventTaskDeleted: on(func(p contracts.TaskDeleted, c *idChecker) domain.Event {
		out := taskEvent(c, p.Actor, p.ProjectID, p.TaskID, p.OccurredAt)
		out.TaskTitle, out.TaskGone = p.Title, true
		out.Reason, out.Audience = domain.ReasonTaskDeleted, domain.AudienceFollowers
		// Assignees follow the task anyway; named in case the view missed them.
		for _, a := range slices.Compact(slices.Sorted(slices.Values(p.AssigneeIDs))) {
			out.Direct = append(out.Direct, domain.Direct{UserID: c.id("assigneeIds", a), Reason: domain.ReasonTaskDeleted})
		}
		return out
	}),
}

// taskEvent fills what every task event carries.
func taskEvent(c *idChecker, actor contracts.Actor, projectID, taskID string, at time.Time) domain.Event {
	return domain.Event{
		ActorID: c.optional("actor.userId", actor.UserID), At: at,
		ProjectID: c.id("projectId", projectID), TaskID: c.id("taskId", taskID),
	}
}
