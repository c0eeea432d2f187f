// Package domain turns any TaskRocket event into an activity entry: who
// did what to which thing, in which project, when, and which fields
// changed from what to what where the event says so. It does no I/O.
package domain

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Entry is one line of the activity log, made from one event (its id is
// the CloudEvent id, so an event makes at most one entry).
type Entry struct {
	ID        string `json:"id"`
	Type      string `json:"type"`   // the CloudEvent type
	Action    string `json:"action"` // entity.verb, e.g. task.updated
	ActorID   string `json:"actorId"`
	Target    Target `json:"target"`
	ProjectID string `json:"projectId,omitempty"`
	TaskID    string `json:"taskId,omitempty"`
	// TaskName is the title of the task a comment is on, as the task's
	// history last named it when the entry was made.
	TaskName string `json:"taskName,omitempty"`
	// UserID is the account the action was about when it is not the
	// target: the member added, removed or whose role changed.
	UserID  string    `json:"userId,omitempty"`
	At      time.Time `json:"at"`
	Changes []Change  `json:"changes"`
}

// Target is the thing acted on.
type Target struct {
	Type string `json:"type"` // project, task, comment, invitation, user, category, tag, ...
	ID   string `json:"id"`
	Name string `json:"name,omitempty"` // its title or name when the event carries one
}

// Change is one field's value before and after. Old is absent when the
// event does not say what it was.
type Change struct {
	Field string          `json:"field"`
	Old   json.RawMessage `json:"old,omitempty"`
	New   json.RawMessage `json:"new,omitempty"`
}

// Event is what an entry is made from.
type Event struct {
	ID      string
	Type    string
	Subject string
	Time    time.Time
	Data    json.RawMessage
}

// ErrNotAnEvent: the data is not a JSON object.
var ErrNotAnEvent = errors.New("event data is not a JSON object")

// Indexes name the lists an entry belongs to.
func (e Entry) Indexes() []string {
	var out []string
	if e.ProjectID != "" {
		out = append(out, ProjectIndex(e.ProjectID))
	}
	if e.TaskID != "" {
		out = append(out, TaskIndex(e.TaskID))
	}
	if e.ActorID != "" {
		out = append(out, ActorIndex(e.ActorID))
	}
	return out
}

// NameOfTask is the task's title as an entry of its history names it:
// the target's name of a task's own entry, the recorded one of a comment's.
func (e Entry) NameOfTask() string {
	if e.Target.Type == "task" {
		return e.Target.Name
	}
	return e.TaskName
}

// ProjectIndex, TaskIndex and ActorIndex name the three lists.
func ProjectIndex(id string) string { return "project:" + id }
func TaskIndex(id string) string    { return "task:" + id }
func ActorIndex(id string) string   { return "actor:" + id }

// NewEntry makes the entry of an event of any type: the fields every
// TaskRocket payload shares (actor, projectId, occurredAt) are read by
// name, so that an event type added later is logged without a change
// here; the types that describe a change in their own way get it read
// into Changes.
func NewEntry(ev Event) (Entry, error) {
	var data map[string]json.RawMessage
	if err := json.Unmarshal(ev.Data, &data); err != nil || data == nil {
		return Entry{}, fmt.Errorf("%w: %s", ErrNotAnEvent, ev.Type)
	}
	entity, action := actionOf(ev.Type)
	e := Entry{ID: ev.ID, Type: ev.Type, Action: action, At: ev.Time.UTC(), Changes: []Change{}}
	var actor struct {
		UserID string `json:"userId"`
	}
	_ = json.Unmarshal(data["actor"], &actor)
	e.ActorID = actor.UserID
	e.ProjectID = str(data["projectId"])
	e.TaskID = str(data["taskId"])
	if at, err := time.Parse(time.RFC3339Nano, str(data["occurredAt"])); err == nil {
		e.At = at.UTC()
	}
	e.Target = Target{Type: entity, ID: ev.Subject}
	if id := str(data[entity+"Id"]); id != "" {
		e.Target.ID = id
	}
	if entity == "user" && e.Target.ID == "" {
		e.Target.ID = str(data["userId"])
	}
	e.Target.Name = nameOf(entity, data)
	if entity != "user" {
		e.UserID = str(data["userId"])
	}
	e.Changes = changesOf(ev.Type, data)
	return e, nil
}

// actionOf reads taskrocket.<entity>.<verb>.v<N>; a type of another shape
// is its own action.
func actionOf(eventType string) (string, string) {
	parts := strings.Split(eventType, ".")
	if len(parts) == 4 && parts[0] == "taskrocket" && strings.HasPrefix(parts[3], "v") {
		return parts[1], parts[1] + "." + parts[2]
	}
	return "event", eventType
}

// nameOf is the target's title or name as the event carries it.
func nameOf(entity string, data map[string]json.RawMessage) string {
	var nested map[string]json.RawMessage
	if json.Unmarshal(data[entity], &nested) == nil {
		if t := str(nested["title"]); t != "" {
			return t
		}
	}
	for _, k := range []string{"title", "name", "projectName", "username"} {
		if v := str(data[k]); v != "" {
			return v
		}
	}
	return ""
}

func str(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}
