package contracts

import "time"

// Events of the priorities context (topic TopicPriorities). The CloudEvent
// subject is the task id.
var priorityEvents = []EventSpec{
	{Type: EventPriorityEffectiveChanged, Topic: TopicPriorities, Schema: "priority.effective_changed.v1.json"},
}

// EventPriorityEffectiveChanged is published when a task's effective
// priority, or the rule it comes from, changes.
const EventPriorityEffectiveChanged = "taskrocket.priority.effective_changed.v1"

// PriorityEffectiveChanged tells that a task's effective priority changed.
// Effective equals Explicit and Reason and RuleID are null when no rule
// changes the task's priority any more. Sequence grows with every change
// of the task's effective priority: a reader keeps the highest it saw.
type PriorityEffectiveChanged struct {
	Actor       Actor     `json:"actor"` // who changed the task or the rules; the project owner for a time-based change
	ProjectID   string    `json:"projectId"`
	TaskID      string    `json:"taskId"`
	Title       string    `json:"title"`
	Explicit    string    `json:"explicit"`
	Effective   string    `json:"effective"`
	Previous    string    `json:"previous"` // the effective priority before
	Reason      *string   `json:"reason"`   // "raised by rule: due within 24 h"
	RuleID      *string   `json:"ruleId"`
	AssigneeIDs []string  `json:"assigneeIds"`
	Sequence    int64     `json:"sequence"`
	OccurredAt  time.Time `json:"occurredAt"`
}
