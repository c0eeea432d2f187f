package app

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// newEvent builds an event of the tasks topic about the entity subject.
func newEvent(eventType, subject string, payload any) (events.Event, error) {
	ev, err := events.New(EventSource, eventType, subject, payload)
	if err != nil {
		return events.Event{}, err
	}
	ev.DataSchema = contracts.SchemaURL(eventType)
	return ev, nil
}

// eventList collects events and the first error building them.
type eventList struct {
	evs []events.Event
	err error
}

func (l *eventList) add(eventType, subject string, payload any) {
	if l.err != nil {
		return
	}
	ev, err := newEvent(eventType, subject, payload)
	l.evs, l.err = append(l.evs, ev), err
}

// TaskSnapshot is the published form of a task: the body of every API
// answer about a task and the task carried by task.created and
// task.updated, so that clients and subscribers see one shape (UTC times,
// null for an unset id or zone, [] for no ids).
func TaskSnapshot(t domain.Task) contracts.Task {
	return contracts.Task{
		ID: t.ID, ProjectID: t.ProjectID, ParentID: nullable(t.ParentID), Title: t.Title, Description: t.Description,
		Status: string(t.Status), Priority: t.Priority.String(), StartAt: utc(t.StartAt), DueAt: utc(t.DueAt),
		Timezone: nullable(t.Timezone), EstimateMinutes: t.EstimateMinutes, AssigneeIDs: nonNil(t.AssigneeIDs),
		CategoryID: nullable(t.CategoryID), TagIDs: nonNil(t.TagIDs), Position: t.Position, DoneAt: utc(t.DoneAt),
		Version: t.Version, CreatedBy: t.CreatedBy, CreatedAt: t.CreatedAt.UTC(), UpdatedAt: t.UpdatedAt.UTC(),
	}
}

// taskCreatedEvents: task.created, then task.assigned per initial assignee.
func taskCreatedEvents(actor string, t domain.Task) ([]events.Event, error) {
	var l eventList
	a := contracts.Actor{UserID: actor}
	l.add(contracts.EventTaskCreated, t.ID, contracts.TaskCreated{
		Actor: a, ProjectID: t.ProjectID, TaskID: t.ID, Task: TaskSnapshot(t), OccurredAt: t.CreatedAt,
	})
	for _, uid := range t.AssigneeIDs {
		l.add(contracts.EventTaskAssigned, t.ID, contracts.TaskAssigned{
			Actor: a, ProjectID: t.ProjectID, TaskID: t.ID, Title: t.Title, UserID: uid, OccurredAt: t.CreatedAt,
		})
	}
	return l.evs, l.err
}

// taskUpdatedEvents: task.updated, then task.status_changed and
// task.assigned / task.unassigned as the change calls for.
func taskUpdatedEvents(actor string, before, after domain.Task, changed []string) ([]events.Event, error) {
	var l eventList
	a := contracts.Actor{UserID: actor}
	at := after.UpdatedAt
	l.add(contracts.EventTaskUpdated, after.ID, contracts.TaskUpdated{
		Actor: a, ProjectID: after.ProjectID, TaskID: after.ID, Changed: changed, Task: TaskSnapshot(after),
		Previous: previousValues(TaskSnapshot(before), changed), OccurredAt: at,
	})
	if slices.Contains(changed, domain.FieldStatus) {
		l.add(contracts.EventTaskStatusChanged, after.ID, contracts.TaskStatusChanged{
			Actor: a, ProjectID: after.ProjectID, TaskID: after.ID, Title: after.Title,
			From: string(before.Status), To: string(after.Status), OccurredAt: at,
		})
	}
	if slices.Contains(changed, domain.FieldAssigneeIDs) {
		for _, uid := range domain.Added(before.AssigneeIDs, after.AssigneeIDs) {
			l.add(contracts.EventTaskAssigned, after.ID, contracts.TaskAssigned{
				Actor: a, ProjectID: after.ProjectID, TaskID: after.ID, Title: after.Title, UserID: uid, OccurredAt: at,
			})
		}
		for _, uid := range domain.Added(after.AssigneeIDs, before.AssigneeIDs) {
			l.add(contracts.EventTaskUnassigned, after.ID, unassigned(a, after, uid, contracts.UnassignedByEdit, at))
		}
	}
	return l.evs, l.err
}

// previousValues picks the changed fields out of the snapshot before the
// change, in the form task.updated's task carries them.
func previousValues(before contracts.Task, changed []string) map[string]any {
	raw, err := json.Marshal(before)
	var all map[string]any
	if err != nil || json.Unmarshal(raw, &all) != nil {
		return nil // a snapshot of strings, numbers and times always marshals
	}
	out := make(map[string]any, len(changed))
	for _, f := range changed {
		if v, ok := all[f]; ok {
			out[f] = v
		}
	}
	return out
}

func unassigned(a contracts.Actor, t domain.Task, userID, reason string, at time.Time) contracts.TaskUnassigned {
	return contracts.TaskUnassigned{
		Actor: a, ProjectID: t.ProjectID, TaskID: t.ID, Title: t.Title, UserID: userID, Reason: reason, OccurredAt: at,
	}
}

// taskDeletedEvents: one task.deleted per removed task.
func taskDeletedEvents(actor string, removed []domain.Task, at time.Time) ([]events.Event, error) {
	var l eventList
	for _, t := range removed {
		l.add(contracts.EventTaskDeleted, t.ID, contracts.TaskDeleted{
			Actor: contracts.Actor{UserID: actor}, ProjectID: t.ProjectID, TaskID: t.ID, Title: t.Title,
			ParentID: nullable(t.ParentID), AssigneeIDs: nonNil(t.AssigneeIDs), OccurredAt: at,
		})
	}
	return l.evs, l.err
}

func labelCreatedEvent(actor string, l domain.Label) (events.Event, error) {
	a := contracts.Actor{UserID: actor}
	if l.Kind == domain.Category {
		return newEvent(contracts.EventCategoryCreated, l.ID, contracts.CategoryCreated{
			Actor: a, ProjectID: l.ProjectID, CategoryID: l.ID, Name: l.Name, Color: l.Color, OccurredAt: l.CreatedAt,
		})
	}
	return newEvent(contracts.EventTagCreated, l.ID, contracts.TagCreated{
		Actor: a, ProjectID: l.ProjectID, TagID: l.ID, Name: l.Name, Color: l.Color, OccurredAt: l.CreatedAt,
	})
}

func labelUpdatedEvent(actor string, l domain.Label, changed []string) (events.Event, error) {
	a := contracts.Actor{UserID: actor}
	if l.Kind == domain.Category {
		return newEvent(contracts.EventCategoryUpdated, l.ID, contracts.CategoryUpdated{
			Actor: a, ProjectID: l.ProjectID, CategoryID: l.ID, Name: l.Name, Color: l.Color, Changed: changed, OccurredAt: l.UpdatedAt,
		})
	}
	return newEvent(contracts.EventTagUpdated, l.ID, contracts.TagUpdated{
		Actor: a, ProjectID: l.ProjectID, TagID: l.ID, Name: l.Name, Color: l.Color, Changed: changed, OccurredAt: l.UpdatedAt,
	})
}

func labelDeletedEvent(actor string, l domain.Label, detached int, at time.Time) (events.Event, error) {
	a := contracts.Actor{UserID: actor}
	if l.Kind == domain.Category {
		return newEvent(contracts.EventCategoryDeleted, l.ID, contracts.CategoryDeleted{
			Actor: a, ProjectID: l.ProjectID, CategoryID: l.ID, Name: l.Name, DetachedTasks: detached, OccurredAt: at,
		})
	}
	return newEvent(contracts.EventTagDeleted, l.ID, contracts.TagDeleted{
		Actor: a, ProjectID: l.ProjectID, TagID: l.ID, Name: l.Name, DetachedTasks: detached, OccurredAt: at,
	})
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}
