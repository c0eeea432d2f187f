package ports

import (
	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// calendarDecoders: a reminder the user set in the calendar came; they
// alone are told (still a member of its project, if it has one), under
// the kind "reminder" (muting a project does not silence it: they asked
// for it).
var calendarDecoders = map[string]decoder{
	contracts.EventReminderDue: on(func(p contracts.ReminderDue, c *idChecker) domain.Event {
		out := domain.Event{At: p.OccurredAt, ProjectID: c.ptr("projectId", p.ProjectID), TaskID: c.ptr("taskId", p.TaskID),
			TaskTitle: p.Title}
		if p.TaskID != nil && p.ProjectID == nil {
			c.bad = append(c.bad, "projectId")
		}
		out.Reminder = &domain.ReminderFacts{ID: c.id("reminderId", p.ReminderID), Kind: p.Kind, Title: p.Title, At: p.At,
			Timezone: p.Timezone, Snoozed: p.Snoozed}
		out.Direct = []domain.Direct{{UserID: c.id("userId", p.UserID), Reason: domain.ReasonReminder}}
		return out
	}),
}
