package contracts

import "time"

// Events of the projects context (topic TopicProjects). Each needs a payload
// type below and a schema file schemas/<entity>.<verb>.v1.json.
var projectEvents = []EventSpec{
	{Type: EventProjectCreated, Topic: TopicProjects, Schema: "project.created.v1.json"},
	{Type: EventProjectUpdated, Topic: TopicProjects, Schema: "project.updated.v1.json"},
	{Type: EventProjectArchived, Topic: TopicProjects, Schema: "project.archived.v1.json"},
	{Type: EventProjectUnarchived, Topic: TopicProjects, Schema: "project.unarchived.v1.json"},
	{Type: EventProjectDeleted, Topic: TopicProjects, Schema: "project.deleted.v1.json"},
	{Type: EventProjectMemberAdded, Topic: TopicProjects, Schema: "project.member_added.v1.json"},
	{Type: EventProjectMemberRemoved, Topic: TopicProjects, Schema: "project.member_removed.v1.json"},
	{Type: EventProjectMemberRoleChanged, Topic: TopicProjects, Schema: "project.member_role_changed.v1.json"},
	{Type: EventProjectOwnershipTransferred, Topic: TopicProjects, Schema: "project.ownership_transferred.v1.json"},
}

// Event types of the projects context. The CloudEvent subject is the
// project id. Every payload carries ProjectVersion: the project's version
// after the change, one more than the event before it about the same
// project (the projects service numbers them under the project's row
// lock). Consumers that keep a view of a project use it to order
// deliveries, which may arrive twice or out of order, and to tell a gap.
const (
	EventProjectCreated              = "taskrocket.project.created.v1"
	EventProjectUpdated              = "taskrocket.project.updated.v1"
	EventProjectArchived             = "taskrocket.project.archived.v1"
	EventProjectUnarchived           = "taskrocket.project.unarchived.v1"
	EventProjectDeleted              = "taskrocket.project.deleted.v1"
	EventProjectMemberAdded          = "taskrocket.project.member_added.v1"
	EventProjectMemberRemoved        = "taskrocket.project.member_removed.v1"
	EventProjectMemberRoleChanged    = "taskrocket.project.member_role_changed.v1"
	EventProjectOwnershipTransferred = "taskrocket.project.ownership_transferred.v1"
)

// Why a member left a project (ProjectMemberRemoved.Reason).
const (
	MemberRemovedByOwner     = "removed"      // the owner removed them
	MemberRemovedLeft        = "left"         // they left
	MemberRemovedUserDeleted = "user_deleted" // their account was deleted
)

// ProjectCreated is published when a project is created; the creator is
// its owner.
type ProjectCreated struct {
	Actor          Actor     `json:"actor"`
	ProjectID      string    `json:"projectId"`
	ProjectVersion int64     `json:"projectVersion"`
	Name           string    `json:"name"`
	Description    string    `json:"description"`
	Color          string    `json:"color,omitempty"`
	Key            string    `json:"key"`
	OwnerID        string    `json:"ownerId"`
	OccurredAt     time.Time `json:"occurredAt"`
}

// ProjectUpdated is published when a project's details change; it carries
// the state after the change, and Changed names the fields that did.
// Previous holds the value each changed field had before ("" for a colour
// or description that was unset); events published before it existed
// lack it.
type ProjectUpdated struct {
	Actor          Actor             `json:"actor"`
	ProjectID      string            `json:"projectId"`
	ProjectVersion int64             `json:"projectVersion"`
	Name           string            `json:"name"`
	Description    string            `json:"description"`
	Color          string            `json:"color,omitempty"`
	Key            string            `json:"key"`
	Changed        []string          `json:"changed"` // name | description | color | key
	Previous       map[string]string `json:"previous,omitempty"`
	OccurredAt     time.Time         `json:"occurredAt"`
}

// ProjectArchived is published when a project becomes read-only.
type ProjectArchived struct {
	Actor          Actor     `json:"actor"`
	ProjectID      string    `json:"projectId"`
	ProjectVersion int64     `json:"projectVersion"`
	OccurredAt     time.Time `json:"occurredAt"`
}

// ProjectUnarchived is published when an archived project is writable again.
type ProjectUnarchived struct {
	Actor          Actor     `json:"actor"`
	ProjectID      string    `json:"projectId"`
	ProjectVersion int64     `json:"projectVersion"`
	OccurredAt     time.Time `json:"occurredAt"`
}

// ProjectDeleted is published when a project is deleted for good; other
// services drop everything they hold about it. MemberIDs are the members
// it had (owner included), so they can be told.
type ProjectDeleted struct {
	Actor          Actor     `json:"actor"`
	ProjectID      string    `json:"projectId"`
	ProjectVersion int64     `json:"projectVersion"`
	Name           string    `json:"name"`
	MemberIDs      []string  `json:"memberIds"`
	OccurredAt     time.Time `json:"occurredAt"`
}

// ProjectMemberAdded is published when a user joins a project (added by the
// owner, or by accepting an invitation: InvitationID is then set).
type ProjectMemberAdded struct {
	Actor          Actor     `json:"actor"`
	ProjectID      string    `json:"projectId"`
	ProjectVersion int64     `json:"projectVersion"`
	ProjectName    string    `json:"projectName"`
	UserID         string    `json:"userId"`
	Role           string    `json:"role"`
	InvitationID   string    `json:"invitationId,omitempty"`
	OccurredAt     time.Time `json:"occurredAt"`
}

// ProjectMemberRemoved is published when a user stops being a member:
// removed by the owner, left, or their account was deleted (Reason).
type ProjectMemberRemoved struct {
	Actor          Actor     `json:"actor"`
	ProjectID      string    `json:"projectId"`
	ProjectVersion int64     `json:"projectVersion"`
	UserID         string    `json:"userId"`
	Reason         string    `json:"reason"`
	OccurredAt     time.Time `json:"occurredAt"`
}

// ProjectMemberRoleChanged is published when the owner changes a member's
// role (never to or from owner: that is a transfer).
type ProjectMemberRoleChanged struct {
	Actor          Actor     `json:"actor"`
	ProjectID      string    `json:"projectId"`
	ProjectVersion int64     `json:"projectVersion"`
	UserID         string    `json:"userId"`
	Role           string    `json:"role"`
	PreviousRole   string    `json:"previousRole"`
	OccurredAt     time.Time `json:"occurredAt"`
}

// ProjectOwnershipTransferred is published when a project gets a new owner;
// the previous owner stays as a participant.
type ProjectOwnershipTransferred struct {
	Actor           Actor     `json:"actor"`
	ProjectID       string    `json:"projectId"`
	ProjectVersion  int64     `json:"projectVersion"`
	PreviousOwnerID string    `json:"previousOwnerId"`
	NewOwnerID      string    `json:"newOwnerId"`
	OccurredAt      time.Time `json:"occurredAt"`
}
