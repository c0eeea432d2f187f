package contracts

import "time"

// Events of the calendar context (topic TopicCalendar). The CloudEvent
// subject is the reminder's id.
var calendarEvents = []EventSpec{
	{Type: EventReminderDue, Topic: TopicCalendar, Schema: "reminder.due.v1.json"},
}

// EventReminderDue is published when one of a user's reminders comes
// (once per occurrence it reminds of, and once more per snooze).
const EventReminderDue = "taskrocket.reminder.due.v1"

// What a reminder is about (ReminderDue.Kind).
const (
	ReminderMeeting    = "meeting"
	ReminderTaskSeries = "task_series"
	ReminderTask       = "task"
)

// ReminderDue tells a user that something they asked to be reminded of
// is coming: a meeting's occurrence starts, or a task (or a recurring
// task's occurrence) falls due, At. TaskID is the task when there is one
// (a recurring task's occurrence not created yet has none). Snoozed: the
// user snoozed an earlier notice of the same occurrence.
type ReminderDue struct {
	ReminderID string    `json:"reminderId"`
	UserID     string    `json:"userId"`
	Kind       string    `json:"kind"`
	TargetID   string    `json:"targetId"`
	ProjectID  *string   `json:"projectId"`
	TaskID     *string   `json:"taskId"`
	Title      string    `json:"title"`
	At         time.Time `json:"at"`
	Timezone   string    `json:"timezone"`
	Snoozed    bool      `json:"snoozed"`
	OccurredAt time.Time `json:"occurredAt"`
}
