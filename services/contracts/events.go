package contracts

import (
	"slices"
	"time"
)

// registry lists every event type TaskRocket publishes. A new event type
// needs an entry in its context's list, a payload type and a schema in
// schemas/.
var registry = slices.Concat(userEvents, projectEvents, taskEvents, invitationEvents, commentEvents, sessionEvents, priorityEvents, calendarEvents)

var userEvents = []EventSpec{
	{Type: EventUserRegistered, Topic: TopicUsers, Schema: "user.registered.v1.json"},
	{Type: EventUserUpdated, Topic: TopicUsers, Schema: "user.updated.v1.json"},
	{Type: EventUserDeleted, Topic: TopicUsers, Schema: "user.deleted.v1.json"},
}

// Actor is who caused an event; every payload names it.
type Actor struct {
	UserID string `json:"userId"`
}

// Event types of the users context.
const (
	EventUserRegistered = "taskrocket.user.registered.v1"
	EventUserUpdated    = "taskrocket.user.updated.v1"
	EventUserDeleted    = "taskrocket.user.deleted.v1"
)

// UserRegistered is published when an account is created.
type UserRegistered struct {
	Actor       Actor     `json:"actor"`
	UserID      string    `json:"userId"`
	Email       string    `json:"email"`
	Username    string    `json:"username"`
	DisplayName string    `json:"displayName"`
	Locale      string    `json:"locale"`
	Timezone    string    `json:"timezone"`
	OccurredAt  time.Time `json:"occurredAt"`
}

// UserUpdated is published when a profile changes; Changed names the fields.
type UserUpdated struct {
	Actor       Actor     `json:"actor"`
	UserID      string    `json:"userId"`
	Username    string    `json:"username"`
	DisplayName string    `json:"displayName"`
	Locale      string    `json:"locale"`
	Timezone    string    `json:"timezone"`
	AvatarURL   string    `json:"avatarUrl,omitempty"`
	Changed     []string  `json:"changed"`
	OccurredAt  time.Time `json:"occurredAt"`
}

// UserDeleted is published when an account is deleted; other services drop
// or anonymise what they hold about the user.
type UserDeleted struct {
	Actor      Actor     `json:"actor"`
	UserID     string    `json:"userId"`
	OccurredAt time.Time `json:"occurredAt"`
}
